package io.tenure.server.provisioning;

import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.Plan;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.execution.ExecutionService;
import io.tenure.engine.execution.ExecutionSummary;
import io.tenure.engine.guard.GuardedExecution;
import io.tenure.engine.guard.GuardedPlan;
import io.tenure.engine.ingest.IdentityImporter;
import io.tenure.engine.ingest.ImportSummary;
import io.tenure.engine.planning.PlanningService;
import io.tenure.server.store.JdbcStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The import, plan, apply workflow of the CLI (and of anything else that wants it): import the
 * sources, plan for everybody, execute the plan.
 */
public final class Provisioning {

  private final TenureConfiguration configuration;
  private final JdbcStore store;
  private final IdentityImporter importer;
  private final PlanningService planning;
  private final ExecutionService execution;
  private final GuardedExecution guarded;

  public Provisioning(
      TenureConfiguration configuration,
      JdbcStore store,
      IdentityImporter importer,
      PlanningService planning,
      ExecutionService execution,
      GuardedExecution guarded) {
    this.configuration = configuration;
    this.store = store;
    this.importer = importer;
    this.planning = planning;
    this.execution = execution;
    this.guarded = guarded;
  }

  /**
   * The sources to import: every configured source, or the one named (reading {@code file} instead
   * of its configured file when given).
   *
   * @throws IllegalArgumentException naming the configured sources when there is no such source
   */
  public List<SourceDefinition> sources(@Nullable String sourceName, @Nullable Path file) {
    if (sourceName == null) {
      if (file != null) {
        throw new IllegalArgumentException("--file needs --source to say which source it feeds");
      }
      return configuration.sources();
    }
    SourceDefinition source =
        configuration
            .source(sourceName)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no source named '"
                            + sourceName
                            + "' in the configuration (sources: "
                            + configuration.sources().stream().map(SourceDefinition::name).toList()
                            + ")"));
    return List.of(file == null ? source : source.withFile(file));
  }

  /** What importing the sources and planning would do; nothing is kept (not even audit events). */
  public ImportAndPlan preview(List<SourceDefinition> sources) {
    return store.dryRun(() -> new ImportAndPlan(importAll(sources), planning.plan(), true));
  }

  /** Imports the sources (kept) and plans for everybody. */
  public ImportAndPlan importAndPlan(List<SourceDefinition> sources) {
    return new ImportAndPlan(importAll(sources), planning.plan(), false);
  }

  /**
   * Stores the plan through the mass-change brake and executes what is not held (see {@link
   * #applyGuarded} for what was held).
   */
  public ExecutionSummary apply(Plan plan, String actor, String trigger) {
    return applyGuarded(plan, actor, trigger).execution().orElseThrow();
  }

  /** Stores the plan through the mass-change brake and executes what is not held. */
  public GuardedPlan applyGuarded(Plan plan, String actor, String trigger) {
    return guarded.apply(plan, actor, trigger);
  }

  /**
   * The event-driven path: imports the sources, then plans and applies at once for only the
   * identities the imports created or changed (a termination is executed now, not at the next full
   * run). The plan goes through the mass-change brake like any other.
   *
   * @return the imports, the plan for the changed identities, and what applying it did (null when
   *     the plan was empty)
   */
  public ImportAndApply importAndApplyChanged(
      List<SourceDefinition> sources, String actor, String trigger) {
    List<ImportSummary> imports = importAll(sources);
    Set<IdentityId> changed = new TreeSet<>();
    imports.forEach(summary -> changed.addAll(summary.changedIdentities()));
    Plan plan = changed.isEmpty() ? new Plan(List.of()) : planning.planFor(changed);
    GuardedPlan applied = plan.isEmpty() ? null : guarded.apply(plan, actor, trigger);
    return new ImportAndApply(new ImportAndPlan(imports, plan, false), applied);
  }

  private List<ImportSummary> importAll(List<SourceDefinition> sources) {
    List<ImportSummary> summaries = new ArrayList<>();
    for (SourceDefinition source : sources) {
      summaries.add(importer.importSource(source));
    }
    return summaries;
  }
}
