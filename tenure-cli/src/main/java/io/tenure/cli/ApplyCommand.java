package io.tenure.cli;

import io.tenure.core.plan.Plan;
import io.tenure.engine.execution.ExecutionSummary;
import io.tenure.engine.guard.GuardedPlan;
import io.tenure.engine.provisioning.ImportAndApply;
import io.tenure.engine.provisioning.ImportAndPlan;
import io.tenure.engine.provisioning.Provisioning;
import io.tenure.engine.provisioning.Provisioning.Scope;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tenure apply}: import the sources, plan, confirm, store the plan in the import's
 * transaction, execute (with the operations earlier plans had queued already).
 */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = {
      "Imports every configured source, plans, shows the plan, asks for confirmation and"
          + " executes it against the targets.",
      "The import and the plan are stored in one transaction before any target is touched;"
          + " changes earlier plans still have queued (after a crash, say) are not queued again"
          + " but worked with this plan.",
      "Without a terminal (a script, CI) --yes is required. Applying twice with no new input"
          + " gives an empty plan.",
      "With PLANFILE (saved by 'tenure plan --out PLANFILE') it executes exactly that reviewed"
          + " plan without asking, or refuses it with the reason and exit code 5 when the store,"
          + " a source file or the day changed since it was made; nothing is then applied."
    })
final class ApplyCommand extends StoreCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--yes", description = "Apply without asking for confirmation.")
  boolean yes;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PLANFILE",
      description = "A plan saved by 'tenure plan --out PLANFILE': apply exactly it.")
  @Nullable Path planFile;

  @Mixin SourceOptions sourceOptions = new SourceOptions();

  @Mixin FormatOption format = new FormatOption();

  @Option(
      names = "--today",
      paramLabel = "YYYY-MM-DD",
      description = "Apply as if today were this date (for testing and replays).")
  @Nullable LocalDate today;

  ApplyCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  public Integer call() {
    if (planFile != null) {
      if (sourceOptions.chosen()) {
        throw new ParameterException(
            spec.commandLine(),
            "a saved plan names its sources itself: give PLANFILE without --source or --file");
      }
      return new SavedPlanApply(this, planFile, PlanFile.read(planFile)).run();
    }
    if (sourceOptions.file != null && sourceOptions.source == null) {
      throw new ParameterException(
          spec.commandLine(), "--file needs --source to say which source it feeds");
    }
    Terminal terminal = environment.terminal();
    if (!yes && !terminal.interactive()) {
      throw new ParameterException(
          spec.commandLine(),
          "apply needs --yes when there is no terminal to confirm on; run 'tenure plan' to see"
              + " the plan first");
    }
    return withApplication(
        today,
        context -> {
          Provisioning provisioning =
              sourceOptions.provisioning(context.getBean(Provisioning.class));
          var sources = sourceOptions.sources(provisioning);
          if (!yes) {
            ImportAndPlan preview = provisioning.preview(sources);
            Reports.problemsText(preview, environment.err());
            if (preview.anyFileRejected()) {
              Reports.importsText(preview, environment.out());
              environment.err().println("Nothing was applied.");
              return TenureCli.FAILURE;
            }
            Reports.importsText(preview, environment.out());
            Reports.planText(preview, environment.out());
            if (preview.plan().isEmpty()) {
              // still import, so that the store holds what the sources say
              Optional<ImportAndApply> imported =
                  provisioning.importPlanAndStore(
                      sources, Scope.EVERYBODY, actor(), "apply", Plan::isEmpty);
              if (imported.isEmpty()) {
                return planChanged();
              }
              return Reports.exitCode(imported.get().imported(), null);
            }
            environment.out().flush();
            String answer =
                terminal.ask("Apply these " + preview.plan().size() + " operations? [y/N] ");
            if (answer == null || !answer.trim().toLowerCase(Locale.ROOT).startsWith("y")) {
              environment.err().println("Nothing was applied.");
              return 1;
            }
            Optional<ImportAndApply> stored =
                provisioning.importPlanAndStore(
                    sources,
                    Scope.EVERYBODY,
                    actor(),
                    "apply",
                    plan -> sameChanges(plan, preview.plan()));
            if (stored.isEmpty()) {
              return planChanged();
            }
            int code = execute(provisioning, stored.get(), false);
            reportOutages(context);
            return code;
          }
          ImportAndApply stored =
              provisioning.importPlanAndStore(sources, Scope.EVERYBODY, actor(), "apply");
          int code = execute(provisioning, stored, true);
          reportOutages(context);
          return code;
        });
  }

  /** Runs the work with the store started, as this command's options say. */
  int withStore(
      java.util.function.Function<
              org.springframework.context.ConfigurableApplicationContext, Integer>
          work) {
    return withApplication(today, work);
  }

  private int planChanged() {
    environment
        .err()
        .println(
            "The plan changed since it was shown (the store or a source changed);"
                + " nothing was imported or applied. Run apply again.");
    return 1;
  }

  /**
   * True if both plans make the same changes for the same reasons (a preview's new identities have
   * other ids than the ones the real import creates, so owners are not compared).
   */
  private static boolean sameChanges(Plan left, Plan right) {
    return PlanFile.changesOf(left).equals(PlanFile.changesOf(right));
  }

  int execute(Provisioning provisioning, ImportAndApply stored, boolean show) {
    ImportAndPlan result = stored.imported();
    if (show) {
      Reports.problemsText(result, environment.err());
    }
    if (show && !format.json()) {
      Reports.importsText(result, environment.out());
      Reports.planText(result, environment.out());
    }
    if (stored.applied() != null && !format.json()) {
      Reports.alreadyQueuedText(stored.applied(), environment.out());
      environment.out().flush();
    }
    GuardedPlan applied = provisioning.execute(stored, actor()).applied();
    ExecutionSummary summary = applied == null ? null : applied.execution().orElse(null);
    if (format.json()) {
      var json = Reports.resultJson(result, summary);
      if (applied != null) {
        Reports.alreadyQueuedJson(applied, json);
      }
      Reports.printJson(json, environment.out());
    } else if (summary != null) {
      environment.out().println();
      Reports.executionText(summary, environment.out());
      Reports.alreadyQueuedOutcomeText(applied, environment.out());
    }
    if (applied != null && applied.held()) {
      environment
          .err()
          .println(
              "Plan "
                  + applied.stored().id()
                  + ": "
                  + applied.decision().heldSequences().size()
                  + " operations HELD by the "
                  + applied.decision().reason()
                  + ". See 'tenure plans --held', then 'tenure resume "
                  + applied.stored().id()
                  + "' or 'tenure reject "
                  + applied.stored().id()
                  + " --reason TEXT'.");
    }
    return Reports.exitCode(result, applied);
  }
}
