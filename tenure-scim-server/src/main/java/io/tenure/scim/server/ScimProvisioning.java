package io.tenure.scim.server;

import com.unboundid.scim2.common.exceptions.ScimException;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.Plan;
import io.tenure.engine.execution.QueueMark;
import io.tenure.engine.guard.GuardedExecution;
import io.tenure.engine.guard.GuardedPlan;
import io.tenure.engine.planning.PlanningService;
import io.tenure.engine.store.Transactions;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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

  /**
   * What a write returns and the identities whose access it may have changed.
   *
   * @param current the touched identities as the write saved them, if it has them all (then they
   *     are planned for without being read again), or none
   * @param created those of them the write created (new ids): no account or operation is theirs yet
   */
  record Written<T>(
      T result, Set<IdentityId> touched, List<Identity> current, Set<IdentityId> created) {

    Written(T result, Set<IdentityId> touched) {
      this(result, touched, List.of(), Set.of());
    }
  }

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
              Set<IdentityId> existing = new TreeSet<>(written.touched());
              existing.removeAll(written.created());
              QueueMark mark = execution.mark(existing);
              Plan plan =
                  written.current().isEmpty()
                      ? planning.planFor(written.touched())
                      : planning.planForCurrent(written.current(), written.created());
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
