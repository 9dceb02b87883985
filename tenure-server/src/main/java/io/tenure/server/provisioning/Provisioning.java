package io.tenure.server.provisioning;

import io.tenure.core.plan.Plan;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.execution.ExecutionService;
import io.tenure.engine.execution.ExecutionSummary;
import io.tenure.engine.ingest.IdentityImporter;
import io.tenure.engine.ingest.ImportSummary;
import io.tenure.engine.planning.PlanningService;
import io.tenure.server.store.JdbcStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  public Provisioning(
      TenureConfiguration configuration,
      JdbcStore store,
      IdentityImporter importer,
      PlanningService planning,
      ExecutionService execution) {
    this.configuration = configuration;
    this.store = store;
    this.importer = importer;
    this.planning = planning;
    this.execution = execution;
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

  /** Stores the plan and executes it. */
  public ExecutionSummary apply(Plan plan, String actor, String trigger) {
    return execution.apply(plan, actor, trigger);
  }

  private List<ImportSummary> importAll(List<SourceDefinition> sources) {
    List<ImportSummary> summaries = new ArrayList<>();
    for (SourceDefinition source : sources) {
      summaries.add(importer.importSource(source));
    }
    return summaries;
  }
}
