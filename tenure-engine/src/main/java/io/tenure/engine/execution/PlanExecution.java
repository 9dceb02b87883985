package io.tenure.engine.execution;

import io.tenure.core.plan.Plan;

/**
 * Stores a plan and runs it, returning what happened. {@link ExecutionService} does it directly;
 * {@link io.tenure.engine.guard.GuardedExecution#asPlanExecution()} does it through the mass-change
 * brake, which is what every path that changes targets in production should use.
 */
@FunctionalInterface
public interface PlanExecution {

  ExecutionSummary apply(Plan plan, String actor, String trigger);
}
