package io.tenure.engine.execution;

import io.tenure.core.account.TargetId;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.Plan;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Port: plans and their operations, persisted before anything touches a target. */
public interface PlanRepository {

  /** Persists a plan and its operations in state PENDING, in plan order. */
  StoredPlan create(PlanId id, Plan plan, String actor, String trigger, Instant createdAt);

  Optional<StoredPlan> find(PlanId id);

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
