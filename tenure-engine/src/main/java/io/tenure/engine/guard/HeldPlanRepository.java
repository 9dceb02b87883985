package io.tenure.engine.guard;

import io.tenure.engine.execution.PlanId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Port: the holds of the mass-change brake, beside the stored plans. Called in a transaction. */
public interface HeldPlanRepository {

  /**
   * Records that the plan is held and moves the operations at these 0-based positions from {@code
   * PENDING} to {@code HELD}.
   */
  void hold(PlanId plan, Collection<Integer> sequences, String reason, Instant at);

  Optional<PlanHold> find(PlanId plan);

  /** Holds, newest first; only those still {@link HoldStatus#HELD} when {@code onlyHeld}. */
  List<PlanHold> list(boolean onlyHeld, int limit);

  /**
   * Records the operator's decision and moves the plan's {@code HELD} operations to {@code PENDING}
   * (resumed) or {@code DISCARDED} (rejected). Resumed operations are due at once and unclaimed, as
   * after {@link io.tenure.engine.execution.OperationQueue#requeue}.
   *
   * @return how many operations moved
   * @throws IllegalStateException if the plan is not held any more (decided before)
   */
  int decide(PlanId plan, HoldStatus decision, String actor, String reason, Instant at);
}
