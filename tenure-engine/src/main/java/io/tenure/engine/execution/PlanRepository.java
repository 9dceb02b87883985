package io.tenure.engine.execution;

import io.tenure.core.account.TargetId;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.Plan;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Port: plans and their operations, persisted before anything touches a target. */
public interface PlanRepository {

  /** Persists a plan and its operations in state PENDING, in plan order. */
  StoredPlan create(PlanId id, Plan plan, String actor, String trigger, Instant createdAt);

  /**
   * A writer that stores one plan from chunks of operations in the caller's transaction, without
   * holding the plan (see {@link PlanWriter}). By default, one that holds the chunks and calls
   * {@link #create}.
   */
  default PlanWriter writer() {
    return new InMemoryPlanWriter(this);
  }

  Optional<StoredPlan> find(PlanId id);

  /**
   * The sequences of the plan's operations on these accounts of the target: what the mass-change
   * brake holds of a plan once it is stored.
   */
  default Set<Integer> sequencesOf(PlanId plan, TargetId target, Collection<String> usernames) {
    Set<String> names = Set.copyOf(usernames);
    Set<Integer> sequences = new TreeSet<>();
    for (StoredOperation operation : operations(plan)) {
      if (operation.operation().target().equals(target)
          && names.contains(operation.operation().username())) {
        sequences.add(operation.sequence());
      }
    }
    return sequences;
  }

  /** The operations of a plan in plan order, with their current state. */
  List<StoredOperation> operations(PlanId id);

  /**
   * The operations of these accounts of the target (any plan) that are not over yet: every state
   * but {@link OperationState#SUCCEEDED}, {@link OperationState#DISCARDED} and {@link
   * OperationState#SKIPPED}. Oldest first.
   */
  List<StoredOperation> queuedFor(TargetId target, Collection<String> usernames);

  /** The ids of every operation not over yet (see {@link #queuedFor}). */
  Set<OperationId> openOperations();

  /** The ids of the operations not over yet whose owner is one of these identities. */
  Set<OperationId> openOperationsOf(Collection<IdentityId> owners);

  /** The operations with these ids (those that exist), oldest first. */
  List<StoredOperation> operationsById(Collection<OperationId> ids);

  /**
   * The accounts of the target that plans stored at or after {@code since} disable or delete
   * (operations of a deprovisioning kind in any state but {@link OperationState#DISCARDED}), except
   * those of plans an operator resumed after the brake held them (an approved mass change does not
   * spend the budget of automatic ones): what the mass-change brake counts over its window.
   */
  Set<String> deprovisionedSince(TargetId target, Instant since);

  /** The most recent plans, newest first. */
  List<StoredPlan> recent(int limit);

  /** Records an attempt and moves the operation to the attempt's outcome state. */
  void recordAttempt(OperationId id, OperationAttempt attempt);
}
