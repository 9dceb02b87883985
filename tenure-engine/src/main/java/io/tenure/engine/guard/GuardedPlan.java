package io.tenure.engine.guard;

import io.tenure.engine.execution.ExecutionSummary;
import io.tenure.engine.execution.PlanId;
import io.tenure.engine.execution.StoredOperation;
import io.tenure.engine.execution.StoredPlan;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A plan stored through the brake, and what running its runnable part did.
 *
 * @param stored the stored plan: the operations planned that were not already queued
 * @param decision the brake's decision (what is held and why)
 * @param alreadyQueued the unsettled operations of earlier plans that already make some of the
 *     planned changes (those were not stored again; see {@link
 *     io.tenure.engine.execution.AlreadyQueued}), oldest first, as they were when the plan was
 *     stored
 * @param summary what executing the operations that were not held did; null if it was only stored
 * @param alreadyQueuedSummary what came of the already-queued operations once the plan was executed
 *     (its plan is this plan, which waited for them); null if it was only stored
 * @param size how many operations were stored (those of {@code stored}, which is a {@link
 *     StoredPlan#header} without them when a large plan was streamed into the store: see {@link
 *     GuardedExecution#store(java.util.function.Consumer, io.tenure.engine.execution.QueueMark,
 *     String, String)})
 */
public record GuardedPlan(
    StoredPlan stored,
    BrakeDecision decision,
    List<StoredOperation> alreadyQueued,
    @Nullable ExecutionSummary summary,
    @Nullable ExecutionSummary alreadyQueuedSummary,
    int size) {

  public GuardedPlan {
    alreadyQueued = List.copyOf(alreadyQueued);
  }

  public Optional<ExecutionSummary> execution() {
    return Optional.ofNullable(summary);
  }

  /** What came of the already-queued operations; empty until executed. */
  public Optional<ExecutionSummary> alreadyQueuedExecution() {
    return Optional.ofNullable(alreadyQueuedSummary);
  }

  /** True if operations wait for an operator. */
  public boolean held() {
    return decision.held();
  }

  /** The earlier plans whose unsettled operations this plan relies on. */
  public Set<PlanId> earlierPlans() {
    Set<PlanId> plans = new LinkedHashSet<>();
    alreadyQueued.forEach(operation -> plans.add(operation.plan()));
    return plans;
  }
}
