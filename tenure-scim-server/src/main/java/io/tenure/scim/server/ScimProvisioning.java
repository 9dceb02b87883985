package io.tenure.scim.server;

import com.unboundid.scim2.common.exceptions.ScimException;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.Plan;
import io.tenure.engine.execution.QueueMark;
import io.tenure.engine.guard.GuardedExecution;
import io.tenure.engine.guard.GuardedPlan;
import io.tenure.engine.planning.PlanningService;
import io.tenure.engine.store.Transactions;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What every SCIM write that may change people's access does: in the write's own transaction, plan
 * for the identities it touched and store the plan through the mass-change brake (the write and its
 * plan are kept, or neither); after the commit, execute the plan at once.
 */
final class ScimProvisioning {

  private final Transactions transactions;
  private final PlanningService planning;
  private final GuardedExecution execution;

  ScimProvisioning(
      Transactions transactions, PlanningService planning, GuardedExecution execution) {
    this.transactions = transactions;
    this.planning = planning;
    this.execution = execution;
  }

  /** What a write returns and the identities whose access it may have changed. */
  record Written<T>(T result, Set<IdentityId> touched) {}

  /**
   * Runs the write and plans for what it touched in one transaction, then executes the plan.
   *
   * @param trigger what the plan is for, such as {@code "scim push"}
   * @throws ScimException the write's refusal (nothing is kept)
   */
  <T> T write(String actor, String trigger, ScimTransaction.Work<Written<T>> work)
      throws ScimException {
    Stored<T> stored =
        ScimTransaction.run(
            transactions,
            () -> {
              Written<T> written = work.run();
              if (written.touched().isEmpty()) {
                return new Stored<>(written.result(), null);
              }
              QueueMark mark = execution.mark(written.touched());
              Plan plan = planning.planFor(written.touched());
              return new Stored<>(
                  written.result(),
                  plan.isEmpty() ? null : execution.store(plan, mark, actor, trigger));
            });
    if (stored.plan() != null) {
      execution.execute(stored.plan(), actor);
    }
    return stored.result();
  }

  /** A write's result and the plan stored for it (null if there was nothing to do). */
  private record Stored<T>(T result, @Nullable GuardedPlan plan) {}
}
