package io.tenure.server.cli;

import io.tenure.engine.guard.GuardedExecution;
import io.tenure.engine.guard.PlanHold;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tenure reject PLAN --reason TEXT}: discards a held plan's held operations. */
@Command(
    name = "reject",
    mixinStandardHelpOptions = true,
    description = {
      "Rejects a plan held by the mass-change brake: its held operations are discarded and never"
          + " run. Audited with your name and reason."
    })
final class RejectCommand extends StoreCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "PLAN", description = "The held plan's id.")
  String plan = "";

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      required = true,
      description = "Why (required; recorded in the audit log).")
  String reason = "";

  RejectCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  public Integer call() {
    return withApplication(
        null,
        context -> {
          PlanHold hold =
              context
                  .getBean(GuardedExecution.class)
                  .reject(new io.tenure.engine.execution.PlanId(plan), actor(), reason);
          environment
              .out()
              .println(
                  "Rejected plan "
                      + plan
                      + ": "
                      + hold.heldOperations()
                      + " held operations discarded.");
          return 0;
        });
  }
}
