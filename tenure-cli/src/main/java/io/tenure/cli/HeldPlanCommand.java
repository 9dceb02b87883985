package io.tenure.cli;

import io.tenure.engine.execution.PlanId;
import io.tenure.engine.guard.GuardedExecution;
import java.util.concurrent.Callable;
import picocli.CommandLine.Parameters;

/** A command that decides a plan held by the mass-change brake: resume it or reject it. */
abstract class HeldPlanCommand extends StoreCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "PLAN", description = "The held plan's id.")
  String plan = "";

  HeldPlanCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  public Integer call() {
    if (reason().isBlank()) {
      throw new IllegalArgumentException("--reason must not be blank");
    }
    return withApplication(
        null, context -> decide(context.getBean(GuardedExecution.class), new PlanId(plan)));
  }

  /** Why the plan is decided, as given by {@code --reason} (required). */
  abstract String reason();

  /** Decides the held plan, prints the outcome and returns the exit code. */
  abstract int decide(GuardedExecution guard, PlanId held);
}
