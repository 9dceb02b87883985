package io.tenure.cli;

import io.tenure.engine.execution.PlanId;
import io.tenure.engine.guard.GuardedExecution;
import io.tenure.engine.guard.PlanHold;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tenure reject PLAN --reason TEXT}: discards a held plan's held operations. */
@Command(
    name = "reject",
    mixinStandardHelpOptions = true,
    description = {
      "Rejects a plan held by the mass-change brake: its held operations are discarded and never"
          + " run. Audited with your name and reason."
    })
final class RejectCommand extends HeldPlanCommand {

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
  String reason() {
    return reason;
  }

  @Override
  int decide(GuardedExecution guard, PlanId held) {
    PlanHold hold = guard.reject(held, actor(), reason);
    environment
        .out()
        .println(
            "Rejected plan " + plan + ": " + hold.heldOperations() + " held operations discarded.");
    return 0;
  }
}
