package io.tenure.cli;

import io.tenure.engine.execution.ExecutionSummary;
import io.tenure.engine.execution.PlanId;
import io.tenure.engine.guard.GuardedExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tenure resume PLAN --reason TEXT}: lets a plan held by the brake go on. */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description = {
      "Resumes a plan held by the mass-change brake: its held operations become pending and run"
          + " now. Audited with your name and reason."
    })
final class ResumeCommand extends HeldPlanCommand {

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      required = true,
      description = "Why (required; recorded in the audit log).")
  String reason = "";

  ResumeCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  String reason() {
    return reason;
  }

  @Override
  int decide(GuardedExecution guard, PlanId held) {
    ExecutionSummary summary = guard.resume(held, actor(), reason);
    environment.out().println("Resumed plan " + plan + ".");
    Reports.executionText(summary, environment.out());
    return summary.complete() ? 0 : 1;
  }
}
