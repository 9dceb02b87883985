package io.tenure.engine.provisioning;

import io.tenure.core.plan.Plan;
import io.tenure.engine.ingest.ImportSummary;
import java.util.List;

/**
 * What importing the sources did (or would do) and the plan that follows.
 *
 * @param imports one summary per source imported, in configuration order
 * @param plan the plan over every identity after the imports
 * @param dryRun true when nothing was kept (the {@code plan} command)
 */
public record ImportAndPlan(List<ImportSummary> imports, Plan plan, boolean dryRun) {

  public ImportAndPlan {
    imports = List.copyOf(imports);
  }

  /** True if a source file was refused as a whole. */
  public boolean anyFileRejected() {
    return imports.stream().anyMatch(ImportSummary::fileRejected);
  }
}
