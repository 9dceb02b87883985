package io.tenure.cli;

import io.tenure.engine.guard.GuardedPlan;
import io.tenure.engine.provisioning.ImportAndApply;
import io.tenure.engine.provisioning.Provisioning;
import io.tenure.engine.provisioning.Provisioning.Scope;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tenure import}: the event-driven path. Imports a source, then plans and applies at once
 * for only the people the import created or changed (a termination is disabled now).
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Imports a source (or every source) and at once plans and applies for only the people it"
          + " created or changed: joiners, movers and leavers take effect now, without a full run.",
      "Nobody else's accounts are touched. The plan goes through the mass-change brake like any"
          + " other ('tenure plans --held') and is stored in the import's transaction."
    })
final class ImportCommand extends StoreCommand implements Callable<Integer> {

  @Mixin SourceOptions sourceOptions = new SourceOptions();

  @Mixin FormatOption format = new FormatOption();

  @Option(
      names = "--today",
      paramLabel = "YYYY-MM-DD",
      description = "Import as if today were this date (for testing and replays).")
  @Nullable LocalDate today;

  ImportCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  public Integer call() {
    return withApplication(
        today,
        context -> {
          Provisioning provisioning =
              sourceOptions.provisioning(context.getBean(Provisioning.class));
          String source = sourceOptions.source;
          ImportAndApply stored =
              provisioning.importPlanAndStore(
                  sourceOptions.sources(provisioning),
                  Scope.CHANGED,
                  actor(),
                  "import " + (source == null ? "all sources" : source));
          Reports.problemsText(stored.imported(), environment.err());
          if (!format.json()) {
            Reports.importsText(stored.imported(), environment.out());
            Reports.planText(stored.imported(), environment.out());
            if (stored.applied() != null) {
              Reports.alreadyQueuedText(stored.applied(), environment.out());
            }
            environment.out().flush();
          }
          ImportAndApply result = provisioning.execute(stored, actor());
          GuardedPlan applied = result.applied();
          var summary = applied == null ? null : applied.execution().orElse(null);
          if (format.json()) {
            var json = Reports.resultJson(result.imported(), summary);
            if (applied != null) {
              json.put("held", applied.held());
              json.put("heldOperations", applied.decision().heldSequences().size());
              if (applied.held()) {
                json.put("heldReason", applied.decision().reason());
              }
              Reports.alreadyQueuedJson(applied, json);
            }
            Reports.printJson(json, environment.out());
          } else {
            if (summary != null) {
              environment.out().println();
              Reports.executionText(summary, environment.out());
              Reports.alreadyQueuedOutcomeText(applied, environment.out());
            }
            if (applied != null && applied.held()) {
              environment
                  .out()
                  .println(
                      "Plan "
                          + applied.stored().id()
                          + ": "
                          + applied.decision().heldSequences().size()
                          + " operations HELD; "
                          + applied.decision().reason());
              environment
                  .out()
                  .println(
                      "See 'tenure plans --held'; 'tenure resume "
                          + applied.stored().id()
                          + "' or 'tenure reject "
                          + applied.stored().id()
                          + " --reason TEXT'.");
            }
          }
          reportOutages(context);
          return Reports.exitCode(result.imported(), applied);
        });
  }
}
