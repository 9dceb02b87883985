package io.tenure.engine.execution;

import io.tenure.core.account.TargetId;
import io.tenure.core.plan.OperationKind;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Port: the durable queue over the stored operations of every plan.
 *
 * <p>An operation is <b>ready</b> when it is {@link OperationState#PENDING} or {@link
 * OperationState#FAILED}, its next attempt is due, nobody holds an unexpired claim on it, and every
 * earlier operation (lower id) of the same account (target and username) is {@link
 * OperationState#SUCCEEDED}, {@link OperationState#DISCARDED} or {@link OperationState#SKIPPED}. An
 * operation behind a {@link OperationState#PARKED} or {@link OperationState#HELD} one waits until
 * an operator acts. {@link OperationState#HELD} operations are never ready.
 */
public interface OperationQueue {

  /**
   * Claims, in one transaction and without waiting for rows other workers are claiming, up to
   * {@code limit} ready operations of the target, oldest first, for {@code worker} until {@code
   * leaseUntil}. Claims held by different workers never overlap. No concurrency limit across
   * workers.
   */
  default List<StoredOperation> claim(
      TargetId target, int limit, String worker, Instant now, Instant leaseUntil) {
    return claim(target, limit, Integer.MAX_VALUE, worker, now, leaseUntil);
  }

  /**
   * Like {@link #claim(TargetId, int, String, Instant, Instant)}, but never more than {@code
   * concurrency} minus the target's operations running now (claimed under an unexpired lease, by
   * any worker of any process). Concurrent claims for one target are serialised so that they never
   * exceed it together.
   */
  List<StoredOperation> claim(
      TargetId target, int limit, int concurrency, String worker, Instant now, Instant leaseUntil);

  /**
   * Claims, as {@link #claim(TargetId, int, String, Instant, Instant)} does (ready, oldest first,
   * not waiting for rows other workers are claiming), up to {@code limit} ready {@link
   * io.tenure.core.plan.AddEntitlement} operations of the target that grant {@code entitlement}:
   * the grants a worker gathers into one batch with those of the entitlement it already claimed
   * ({@link io.tenure.connector.spi.BatchCapability#maxGrantsOfOneEntitlement()}). No concurrency
   * limit applies: they join a call already counted. The default claims none (no gathering).
   */
  default List<StoredOperation> claimGrants(
      TargetId target,
      String entitlement,
      int limit,
      String worker,
      Instant now,
      Instant leaseUntil) {
    return List.of();
  }

  /**
   * Extends the leases of the given operations that {@code worker} still claims to {@code
   * leaseUntil} (the worker's heartbeat), a part at a time, each part committed alone so that its
   * row locks are held briefly (a recording of some of these operations would wait for them). Never
   * waits for an operation another transaction has locked (one recording its outcome): that one's
   * claim is ending, or is renewed by the next heartbeat if the recording fails.
   *
   * @return the operations whose claim the worker still holds (as last committed)
   */
  Set<OperationId> renew(Collection<OperationId> operations, String worker, Instant leaseUntil);

  /**
   * Whether {@code worker} still claims the operation (whatever its lease says: only another
   * worker's claim takes it away). In a transaction, locks the operation until it ends.
   */
  boolean holds(OperationId id, String worker);

  /**
   * Records an attempt that {@code worker} made after losing its claim, with outcome {@code
   * LEASE_LOST} and a message saying what the attempt came to; the operation is left as it is.
   */
  void recordLostClaim(OperationId id, String worker, OperationAttempt attempt);

  /**
   * Ends the worker's claim after an attempt was recorded: sets the state (for example {@link
   * OperationState#PARKED} when the attempts are used up) and when a failed operation is next due.
   * Does nothing if the worker no longer holds the claim.
   */
  void release(
      OperationId id,
      String worker,
      OperationState state,
      @Nullable Instant nextAttemptAt,
      Instant now);

  /**
   * Records an attempt and ends {@code worker}'s claim in one step, only if the worker still holds
   * the claim (whatever its lease says): as {@link PlanRepository#recordAttempt} followed by {@link
   * #release}, the attempt stored with the worker's name, the operation counting it (and its error,
   * if it failed), taking {@code state} and {@code nextAttemptAt}, unclaimed. In a transaction, the
   * operation stays locked until it ends, so that no other worker takes it meanwhile.
   *
   * @return false when the worker no longer holds the claim: then nothing was recorded
   */
  boolean settle(
      OperationId id,
      String worker,
      OperationAttempt attempt,
      OperationState state,
      @Nullable Instant nextAttemptAt,
      Instant now);

  /**
   * {@link #settle} for many operations (each at most once) in one step: each settlement is stored
   * only if its worker still holds its operation's claim, independently of the others, so that a
   * lost claim costs the others nothing. In a transaction, the settled operations stay locked until
   * it ends. The default settles them one by one; a store should do it in one round trip.
   *
   * @return the operations settled (their claims held); the others were left as they were
   */
  default Set<OperationId> settleAll(List<Settlement> settlements, Instant now) {
    Set<OperationId> settled = new java.util.HashSet<>();
    for (Settlement settlement : settlements) {
      if (settle(
          settlement.operation(),
          settlement.worker(),
          settlement.attempt(),
          settlement.state(),
          settlement.nextAttemptAt(),
          now)) {
        settled.add(settlement.operation());
      }
    }
    return settled;
  }

  /**
   * Ends the worker's claim on an operation it handed back without an attempt (its target is out):
   * the operation keeps its state, attempt count and last error, and is due at once; no attempt is
   * recorded. Does nothing if the worker no longer holds the claim.
   *
   * <p>The default {@linkplain #release releases} the claim with the operation's state and no due
   * time; a store may do better by leaving everything but the claim as it was (the default also
   * stamps the release on the operation's last recorded attempt, if the store does so).
   */
  default void postpone(OperationId id, String worker, OperationState state, Instant now) {
    release(id, worker, state, null, now);
  }

  /**
   * When the operation's counted attempts began: the start of the earliest of its last {@link
   * StoredOperation#attempts()} recorded attempts (skipped and lease-lost ones do not count), so
   * that an operator's retry, which resets the count, begins a new series. Empty when it has no
   * counted attempt, or when the store cannot tell. {@link RetryPolicy#maxAge()} is measured from
   * here.
   *
   * <p>The default cannot tell: with a store that does not implement this, retries are bounded by
   * {@link RetryPolicy#maxAttempts()} only.
   */
  default Optional<Instant> firstAttemptAt(OperationId id) {
    return Optional.empty();
  }

  /** One operation with its queue data. */
  Optional<QueuedOperation> find(OperationId id);

  /** Operations in the given states (every state if empty), oldest first, at most {@code limit}. */
  List<QueuedOperation> list(Collection<OperationState> states, int limit);

  /**
   * Makes a {@link OperationState#PARKED} or {@link OperationState#FAILED} operation {@link
   * OperationState#PENDING} and due at once, with its attempt count reset.
   *
   * @return false if the operation is in another state
   */
  boolean requeue(OperationId id, Instant now);

  /**
   * Gives up an operation that has not succeeded: it becomes {@link OperationState#DISCARDED} and
   * no longer holds back later operations of its account.
   *
   * @return false if it has succeeded or is already discarded
   */
  boolean discard(OperationId id, Instant now);

  /**
   * How many operations of the plan will still run: {@code PENDING} or {@code FAILED} and not
   * behind a {@code PARKED} or {@code HELD} operation of the same account.
   */
  int unsettled(PlanId plan);

  /**
   * Whether none of the plan's operations will still run ({@link #unsettled} is 0), asked by a
   * dispatcher whenever it is idle. The default counts; a store should stop at the first one found.
   */
  default boolean settled(PlanId plan) {
    return unsettled(plan) == 0;
  }

  /** Who asked for the plan (its stored actor), recorded as the actor of its operations. */
  String requester(PlanId plan);

  /** Whether the plan is stored: one row read, none of its operations. */
  boolean exists(PlanId plan);

  /**
   * How many of the plan's operations are in each state, per operation kind (kinds and states with
   * none omitted): counted by the store, none of them read.
   */
  Map<OperationKind, Map<OperationState, Integer>> counts(PlanId plan);

  /** The plan's operations in the state, in plan order. */
  List<StoredOperation> inState(PlanId plan, OperationState state);

  /** How many operations are in each state, per target (states with none omitted). */
  Map<TargetId, Map<OperationState, Long>> depth();
}
