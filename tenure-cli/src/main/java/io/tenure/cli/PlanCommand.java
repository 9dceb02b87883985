package io.tenure.cli;

import io.tenure.engine.provisioning.ImportAndPlan;
import io.tenure.engine.provisioning.Provisioning;
import java.nio.file.Path;
import java.time.LocalDate;
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
          + " is touched)."
    })
final class PlanCommand extends StoreCommand implements java.util.concurrent.Callable<Integer> {

  @Option(
      names = "--source",
      paramLabel = "NAME",
      description = "Import only this source (default: every configured source).")
  @Nullable String source;

  @Option(
      names = "--file",
      paramLabel = "PATH",
      description = "Read this file instead of the source's configured file (needs --source).")
  @Nullable Path file;

  @Mixin FormatOption format = new FormatOption();

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
    if (file != null && source == null) {
      throw new ParameterException(
          spec.commandLine(), "--file needs --source to say which source it feeds");
    }
    return withApplication(
        today,
        context -> {
          Provisioning provisioning = context.getBean(Provisioning.class);
          ImportAndPlan result = provisioning.preview(provisioning.sources(source, file));
          if (format.json()) {
            Reports.printJson(Reports.resultJson(result, null), environment.out());
          } else {
            Reports.importsText(result, environment.out());
            Reports.planText(result.plan(), environment.out());
          }
          return result.anyFileRejected() ? 1 : 0;
        });
  }
}
