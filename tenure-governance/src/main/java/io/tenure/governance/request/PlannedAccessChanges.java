package io.tenure.governance.request;

import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.Plan;
import io.tenure.engine.execution.ExecutionSummary;
import io.tenure.engine.execution.QueueMark;
import io.tenure.engine.guard.GuardedExecution;
import io.tenure.engine.guard.GuardedPlan;
import io.tenure.engine.planning.PlanningService;
import io.tenure.engine.store.Transactions;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@link AccessChanges} through the one path: plan for the people, store the plan through the
 * mass-change brake in one transaction, execute it until its operations are settled.
 */
public final class PlannedAccessChanges implements AccessChanges {

  private final Transactions transactions;
  private final PlanningService planning;
  private final GuardedExecution guarded;

  public PlannedAccessChanges(
      Transactions transactions, PlanningService planning, GuardedExecution guarded) {
    this.transactions = transactions;
    this.planning = planning;
    this.guarded = guarded;
  }

  @Override
  public Outcome apply(Collection<IdentityId> people, String actor, String trigger) {
    Set<IdentityId> scope = new TreeSet<>(people);
    GuardedPlan stored =
        transactions.inTransaction(
            () -> {
              QueueMark mark = guarded.mark(scope);
              Plan plan = planning.planFor(scope);
              return plan.isEmpty() ? null : guarded.store(plan, mark, actor, trigger);
            });
    if (stored == null) {
      return new Outcome(true, "nothing to change");
    }
    GuardedPlan applied = guarded.execute(stored, actor);
    ExecutionSummary summary = applied.execution().orElseThrow();
    if (summary.complete()) {
      return new Outcome(
          true,
          "plan " + applied.stored().id().value() + ": " + summary.succeeded() + " succeeded");
    }
    String failures =
        summary.failures().stream()
            .map(
                failure ->
                    failure.description()
                        + ": "
                        + failure.outcome().note().orElse(failure.outcome().state().name()))
            .collect(Collectors.joining("; "));
    return new Outcome(
        false,
        "plan "
            + applied.stored().id().value()
            + ": "
            + summary.failed()
            + " failed, "
            + summary.held()
            + " held, "
            + summary.skipped()
            + " skipped"
            + (failures.isEmpty() ? "" : " (" + failures + ")"));
  }
}
