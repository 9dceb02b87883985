package io.tenure.cli;

import io.tenure.core.plan.PlanOutline;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.provisioning.ImportAndPlan;
import io.tenure.engine.provisioning.PlanBasis;
import io.tenure.engine.provisioning.Provisioning;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tenure plan}: what an import and apply would change, without changing anything. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Shows what importing the sources would change and the plan that would follow, without"
          + " changing anything (the import runs in a transaction that is rolled back; no target"
          + " is touched).",
      "With --out FILE the plan is saved; 'tenure apply FILE' then executes exactly it, or"
          + " refuses it (exit 5) when the store or a source file changed since."
    })
final class PlanCommand extends StoreCommand implements java.util.concurrent.Callable<Integer> {

  @Mixin SourceOptions sourceOptions = new SourceOptions();

  @Mixin FormatOption format = new FormatOption();

  @Mixin ProgressOption progress = new ProgressOption();

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description =
          "Save the plan to FILE (JSON), with what it was made from, for 'tenure apply FILE'.")
  @Nullable Path out;

  @Option(
      names = "--today",
      paramLabel = "YYYY-MM-DD",
      description = "Plan as if today were this date (for testing and replays).")
  @Nullable LocalDate today;

  PlanCommand(CliEnvironment environment) {
    super(environment);
  }

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (sourceOptions.file != null && sourceOptions.source == null) {
      throw new ParameterException(
          spec.commandLine(), "--file needs --source to say which source it feeds");
    }
    return withApplication(
        today,
        context -> {
          progress.show(context, environment);
          Provisioning provisioning =
              sourceOptions.provisioning(context.getBean(Provisioning.class));
          List<SourceDefinition> sources = sourceOptions.sources(provisioning);
          PlanBasis basis = out == null ? null : provisioning.basis(sources);
          // a plan to save is held whole; one only shown is outlined as it is made
          ImportAndPlan result =
              out == null
                  ? provisioning.preview(sources, PlanOutline.DEFAULT_LIMIT)
                  : provisioning.preview(sources);
          Reports.problemsText(result, environment.err());
          if (format.json()) {
            Reports.printJson(Reports.resultJson(result, null), environment.out());
          } else {
            Reports.importsText(result, environment.out());
            Reports.planText(result, environment.out());
          }
          if (out != null) {
            if (result.anyFileRejected()) {
              environment.err().println("tenure: the plan was not saved: a source file failed");
              return TenureCli.FAILURE;
            }
            new PlanFile(
                    sourceOptions.source,
                    sourceOptions.file == null
                        ? null
                        : sourceOptions.file.toAbsolutePath().normalize(),
                    sourceOptions.allowOlder,
                    LocalDate.now(clock(today).withZone(ZoneOffset.UTC)),
                    environment.clock().instant(),
                    basis,
                    PlanFile.changesOf(result.plan()))
                .write(out, result.plan());
            environment
                .err()
                .println(
                    "Saved the plan to "
                        + out
                        + ". 'tenure apply "
                        + out
                        + "' executes exactly it, and refuses it if the store or a source"
                        + " changes first.");
          }
          return Reports.exitCode(result, null);
        });
  }
}
