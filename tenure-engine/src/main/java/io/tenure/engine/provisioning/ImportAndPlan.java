package io.tenure.engine.provisioning;

import io.tenure.core.plan.Plan;
import io.tenure.core.plan.PlanOutline;
import io.tenure.engine.ingest.ImportSummary;
import java.util.List;

/**
 * What importing the sources did (or would do) and the plan that follows.
 *
 * @param imports one summary per source imported, in configuration order
 * @param outline the plan that follows the imports (for everybody, or for the changed identities
 *     only): its size, counts and first operations; every operation when the plan was held in
 *     memory, or when it was streamed into the store and is small (see {@link #plan()})
 * @param dryRun true when nothing was kept (the {@code plan} command)
 * @param warnings what the operator must know though the import went through: a file missing many
 *     people the source knows (nobody is deprovisioned for it), a manager id that names nobody
 * @param failures sources whose file is unusable though readable: every row (or more than the
 *     source's {@code maxRejectedShare}) rejected; a plan with failures is never stored
 */
public record ImportAndPlan(
    List<ImportSummary> imports,
    PlanOutline outline,
    boolean dryRun,
    List<String> warnings,
    List<String> failures) {

  public ImportAndPlan {
    imports = List.copyOf(imports);
    warnings = List.copyOf(warnings);
    failures = List.copyOf(failures);
  }

  /** The result of imports and a plan held in memory, every operation of it in the outline. */
  public ImportAndPlan(
      List<ImportSummary> imports,
      Plan plan,
      boolean dryRun,
      List<String> warnings,
      List<String> failures) {
    this(imports, PlanOutline.of(plan, plan.size()), dryRun, warnings, failures);
  }

  /** The result of imports with no warning and no failure beyond their summaries. */
  public ImportAndPlan(List<ImportSummary> imports, Plan plan, boolean dryRun) {
    this(imports, plan, dryRun, List.of(), List.of());
  }

  /**
   * The whole plan, when the outline holds all of it.
   *
   * @throws IllegalStateException when the plan was streamed into the store and is larger than its
   *     outline: read {@link #outline()}, or the stored plan's operations
   */
  public Plan plan() {
    if (!outline.complete()) {
      throw new IllegalStateException(
          "the plan has "
              + outline.size()
              + " operations, more than are held in memory ("
              + outline.first().size()
              + "): see its outline, or the stored plan");
    }
    return new Plan(outline.first());
  }

  /** True if a source file was refused as a whole, or was unusable (every row rejected). */
  public boolean anyFileRejected() {
    return !failures.isEmpty() || imports.stream().anyMatch(ImportSummary::fileRejected);
  }

  /** True if rows were rejected or ambiguous, or there are warnings: done, but look. */
  public boolean anyWarning() {
    return !warnings.isEmpty() || imports.stream().anyMatch(summary -> !summary.clean());
  }
}
