package io.tenure.engine.testing;

import io.tenure.core.account.TargetId;
import io.tenure.core.plan.AddEntitlement;
import io.tenure.core.plan.Operation;
import io.tenure.core.plan.OperationKind;
import io.tenure.core.plan.Plan;
import io.tenure.engine.execution.OperationAttempt;
import io.tenure.engine.execution.OperationId;
import io.tenure.engine.execution.OperationQueue;
import io.tenure.engine.execution.OperationState;
import io.tenure.engine.execution.PlanId;
import io.tenure.engine.execution.PlanRepository;
import io.tenure.engine.execution.QueuedOperation;
import io.tenure.engine.execution.StoredOperation;
import io.tenure.engine.execution.StoredPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Plans and operations in maps, with every attempt kept, for fast tests; also the durable queue
 * over them, with the same readiness rules as the JDBC one.
 */
public final class InMemoryPlanRepository implements PlanRepository, OperationQueue {

  private static final Set<OperationState> DONE =
      Set.of(OperationState.SUCCEEDED, OperationState.DISCARDED, OperationState.SKIPPED);

  private final Map<PlanId, StoredPlan> plans = new LinkedHashMap<>();
  private final Map<PlanId, List<OperationId>> operationsOfPlan = new HashMap<>();
  private final Map<OperationId, StoredOperation> operations = new HashMap<>();
  private final Map<OperationId, List<OperationAttempt>> attempts = new HashMap<>();
  private final Map<OperationId, Instant> nextAttempt = new HashMap<>();
  private final Map<OperationId, String> claimedBy = new HashMap<>();
  private final Map<OperationId, Instant> claimedUntil = new HashMap<>();
  private final Map<OperationId, Instant> updated = new HashMap<>();
  private final Map<OperationId, List<OperationAttempt>> lostAttempts = new HashMap<>();
  private final Set<OperationId> everHeld = new java.util.HashSet<>();
  private long nextOperationId = 1;

  @Override
  public synchronized StoredPlan create(
      PlanId id, Plan plan, String actor, String trigger, Instant createdAt) {
    if (plans.containsKey(id)) {
      throw new IllegalStateException("plan " + id + " already exists");
    }
    StoredPlan stored = new StoredPlan(id, createdAt, actor, trigger, plan);
    plans.put(id, stored);
    List<OperationId> ids = new ArrayList<>();
    int sequence = 0;
    for (Operation operation : plan.operations()) {
      OperationId operationId = new OperationId(nextOperationId++);
      operations.put(
          operationId,
          new StoredOperation(
              operationId,
              id,
              sequence++,
              operation,
              io.tenure.engine.execution.OperationState.PENDING,
              0,
              null));
      ids.add(operationId);
    }
    operationsOfPlan.put(id, ids);
    return stored;
  }

  @Override
  public synchronized Set<String> deprovisionedSince(TargetId target, Instant since) {
    Set<String> accounts = new java.util.TreeSet<>();
    Set<PlanId> resumed = new java.util.HashSet<>();
    for (OperationId id : everHeld) {
      StoredOperation operation = operations.get(id);
      if (operation.state() != io.tenure.engine.execution.OperationState.HELD
          && operation.state() != io.tenure.engine.execution.OperationState.DISCARDED) {
        resumed.add(operation.plan());
      }
    }
    for (StoredOperation operation : operations.values()) {
      StoredPlan plan = plans.get(operation.plan());
      if (!resumed.contains(operation.plan())
          && operation.operation().target().equals(target)
          && operation.operation().kind().deprovisions()
          && operation.state() != io.tenure.engine.execution.OperationState.DISCARDED
          && !plan.createdAt().isBefore(since)) {
        accounts.add(operation.operation().username());
      }
    }
    return accounts;
  }

  @Override
  public synchronized Optional<StoredPlan> find(PlanId id) {
    return Optional.ofNullable(plans.get(id));
  }

  @Override
  public synchronized List<StoredOperation> operations(PlanId id) {
    return operationsOfPlan.getOrDefault(id, List.of()).stream()
        .map(operations::get)
        .sorted(Comparator.comparingInt(StoredOperation::sequence))
        .toList();
  }

  @Override
  public synchronized List<StoredOperation> queuedFor(
      TargetId target, Collection<String> usernames) {
    Set<String> names = Set.copyOf(usernames);
    return operations.values().stream()
        .filter(operation -> operation.operation().target().equals(target))
        .filter(operation -> names.contains(operation.operation().username()))
        .filter(operation -> !DONE.contains(operation.state()))
        .sorted(Comparator.comparingLong(operation -> operation.id().value()))
        .toList();
  }

  @Override
  public synchronized List<StoredOperation> operationsById(Collection<OperationId> ids) {
    return ids.stream()
        .map(operations::get)
        .filter(java.util.Objects::nonNull)
        .sorted(Comparator.comparingLong(operation -> operation.id().value()))
        .toList();
  }

  @Override
  public synchronized Set<OperationId> openOperationsOf(
      java.util.Collection<io.tenure.core.identity.IdentityId> owners) {
    Set<OperationId> open = new java.util.HashSet<>();
    operations.forEach(
        (id, operation) -> {
          if (!DONE.contains(operation.state())
              && operation.operation().owner() != null
              && owners.contains(operation.operation().owner())) {
            open.add(id);
          }
        });
    return open;
  }

  @Override
  public synchronized Set<OperationId> openOperations() {
    Set<OperationId> open = new java.util.HashSet<>();
    operations.forEach(
        (id, operation) -> {
          if (!DONE.contains(operation.state())) {
            open.add(id);
          }
        });
    return open;
  }

  @Override
  public synchronized List<StoredPlan> recent(int limit) {
    List<StoredPlan> newestFirst = new ArrayList<>(plans.values());
    java.util.Collections.reverse(newestFirst);
    return newestFirst.stream().limit(limit).toList();
  }

  @Override
  public synchronized void recordAttempt(OperationId id, OperationAttempt attempt) {
    StoredOperation stored = operations.get(id);
    if (stored == null) {
      throw new IllegalArgumentException("no operation " + id);
    }
    attempts.computeIfAbsent(id, ignored -> new ArrayList<>()).add(attempt);
    boolean tried = attempt.outcome() != io.tenure.engine.execution.OperationState.SKIPPED;
    operations.put(
        id,
        new StoredOperation(
            id,
            stored.plan(),
            stored.sequence(),
            stored.operation(),
            attempt.outcome(),
            stored.attempts() + (tried ? 1 : 0),
            attempt.errorKind() == null ? stored.lastError() : attempt.message()));
  }

  @Override
  public synchronized Optional<Instant> firstAttemptAt(OperationId id) {
    StoredOperation stored = operations.get(id);
    if (stored == null || stored.attempts() == 0) {
      return Optional.empty();
    }
    List<OperationAttempt> counted =
        attempts.getOrDefault(id, List.of()).stream()
            .filter(attempt -> attempt.outcome() != OperationState.SKIPPED)
            .toList();
    int first = counted.size() - stored.attempts();
    return first < 0 ? Optional.empty() : Optional.of(counted.get(first).started());
  }

  /** Every attempt recorded for an operation, oldest first. */
  public synchronized List<OperationAttempt> attempts(OperationId id) {
    return List.copyOf(attempts.getOrDefault(id, List.of()));
  }

  private void setState(OperationId id, OperationState state, boolean resetAttempts) {
    if (state == OperationState.HELD) {
      everHeld.add(id);
    }
    StoredOperation stored = operations.get(id);
    operations.put(
        id,
        new StoredOperation(
            id,
            stored.plan(),
            stored.sequence(),
            stored.operation(),
            state,
            resetAttempts ? 0 : stored.attempts(),
            stored.lastError()));
  }

  /** Moves an operation to a state directly (to set up HELD operations, for example). */
  public synchronized void force(OperationId id, OperationState state) {
    setState(id, state, false);
  }

  private boolean ready(StoredOperation operation, Instant now) {
    if (operation.state() != OperationState.PENDING && operation.state() != OperationState.FAILED) {
      return false;
    }
    Instant due = nextAttempt.get(operation.id());
    if (due != null && due.isAfter(now)) {
      return false;
    }
    Instant until = claimedUntil.get(operation.id());
    if (until != null && !until.isBefore(now)) {
      return false;
    }
    return operations.values().stream()
        .filter(earlier -> earlier.id().value() < operation.id().value())
        .filter(earlier -> sameAccount(earlier, operation))
        .allMatch(earlier -> DONE.contains(earlier.state()));
  }

  private static boolean sameAccount(StoredOperation left, StoredOperation right) {
    return left.operation().target().equals(right.operation().target())
        && left.operation().username().equals(right.operation().username());
  }

  @Override
  public synchronized List<StoredOperation> claim(
      TargetId target, int limit, int concurrency, String worker, Instant now, Instant leaseUntil) {
    long running =
        operations.values().stream()
            .filter(operation -> operation.operation().target().equals(target))
            .filter(operation -> claimedBy.containsKey(operation.id()))
            .filter(operation -> !claimedUntil.get(operation.id()).isBefore(now))
            .count();
    limit = (int) Math.max(0, Math.min(limit, concurrency - running));
    return claimReady(target, operation -> true, limit, worker, now, leaseUntil);
  }

  @Override
  public synchronized List<StoredOperation> claimGrants(
      TargetId target,
      String entitlement,
      int limit,
      String worker,
      Instant now,
      Instant leaseUntil) {
    return claimReady(
        target,
        operation ->
            operation.operation() instanceof AddEntitlement add
                && add.entitlement().equals(entitlement),
        limit,
        worker,
        now,
        leaseUntil);
  }

  /** Claims the target's ready operations that {@code which} accepts, oldest first. */
  private List<StoredOperation> claimReady(
      TargetId target,
      java.util.function.Predicate<StoredOperation> which,
      int limit,
      String worker,
      Instant now,
      Instant leaseUntil) {
    List<StoredOperation> claimed =
        new TreeMap<Long, StoredOperation>(
                operations.values().stream()
                    .filter(operation -> operation.operation().target().equals(target))
                    .filter(which)
                    .collect(
                        java.util.stream.Collectors.toMap(
                            operation -> operation.id().value(), operation -> operation)))
            .values().stream().filter(operation -> ready(operation, now)).limit(limit).toList();
    for (StoredOperation operation : claimed) {
      claimedBy.put(operation.id(), worker);
      claimedUntil.put(operation.id(), leaseUntil);
    }
    return claimed;
  }

  @Override
  public synchronized Set<OperationId> renew(
      Collection<OperationId> ids, String worker, Instant leaseUntil) {
    Set<OperationId> held = new java.util.HashSet<>();
    for (OperationId id : ids) {
      if (worker.equals(claimedBy.get(id))) {
        claimedUntil.put(id, leaseUntil);
        held.add(id);
      }
    }
    return held;
  }

  @Override
  public synchronized boolean holds(OperationId id, String worker) {
    return worker.equals(claimedBy.get(id));
  }

  @Override
  public synchronized void recordLostClaim(
      OperationId id, String worker, OperationAttempt attempt) {
    lostAttempts.computeIfAbsent(id, ignored -> new ArrayList<>()).add(attempt);
  }

  /** The attempts recorded as made after their worker lost its claim, oldest first. */
  public synchronized List<OperationAttempt> lostAttempts(OperationId id) {
    return List.copyOf(lostAttempts.getOrDefault(id, List.of()));
  }

  @Override
  public synchronized boolean settle(
      OperationId id,
      String worker,
      OperationAttempt attempt,
      OperationState state,
      @Nullable Instant nextAttemptAt,
      Instant now) {
    if (!holds(id, worker)) {
      return false;
    }
    recordAttempt(id, attempt);
    release(id, worker, state, nextAttemptAt, now);
    return true;
  }

  @Override
  public synchronized void release(
      OperationId id,
      String worker,
      OperationState state,
      @Nullable Instant nextAttemptAt,
      Instant now) {
    if (!worker.equals(claimedBy.get(id))) {
      return;
    }
    claimedBy.remove(id);
    claimedUntil.remove(id);
    if (nextAttemptAt == null) {
      nextAttempt.remove(id);
    } else {
      nextAttempt.put(id, nextAttemptAt);
    }
    setState(id, state, false);
    updated.put(id, now);
  }

  @Override
  public synchronized Optional<QueuedOperation> find(OperationId id) {
    StoredOperation stored = operations.get(id);
    return stored == null ? Optional.empty() : Optional.of(queued(stored));
  }

  private QueuedOperation queued(StoredOperation stored) {
    OperationId id = stored.id();
    return new QueuedOperation(
        stored,
        nextAttempt.get(id),
        claimedBy.get(id),
        claimedUntil.get(id),
        updated.getOrDefault(id, Instant.EPOCH));
  }

  @Override
  public synchronized List<QueuedOperation> list(Collection<OperationState> states, int limit) {
    return new TreeMap<Long, StoredOperation>(
            operations.values().stream()
                .collect(
                    java.util.stream.Collectors.toMap(
                        operation -> operation.id().value(), operation -> operation)))
        .values().stream()
            .filter(operation -> states.isEmpty() || states.contains(operation.state()))
            .limit(limit)
            .map(this::queued)
            .toList();
  }

  @Override
  public synchronized boolean requeue(OperationId id, Instant now) {
    StoredOperation stored = operations.get(id);
    if (stored == null
        || (stored.state() != OperationState.PARKED && stored.state() != OperationState.FAILED)) {
      return false;
    }
    setState(id, OperationState.PENDING, true);
    nextAttempt.remove(id);
    claimedBy.remove(id);
    claimedUntil.remove(id);
    updated.put(id, now);
    return true;
  }

  @Override
  public synchronized boolean discard(OperationId id, Instant now) {
    StoredOperation stored = operations.get(id);
    if (stored == null
        || stored.state() == OperationState.SUCCEEDED
        || stored.state() == OperationState.DISCARDED) {
      return false;
    }
    setState(id, OperationState.DISCARDED, false);
    claimedBy.remove(id);
    claimedUntil.remove(id);
    updated.put(id, now);
    return true;
  }

  @Override
  public synchronized int unsettled(PlanId plan) {
    int count = 0;
    for (OperationId id : operationsOfPlan.getOrDefault(plan, List.of())) {
      StoredOperation operation = operations.get(id);
      if (operation.state() != OperationState.PENDING
          && operation.state() != OperationState.FAILED) {
        continue;
      }
      boolean stuck =
          operations.values().stream()
              .filter(earlier -> earlier.id().value() < operation.id().value())
              .filter(earlier -> sameAccount(earlier, operation))
              .anyMatch(
                  earlier ->
                      earlier.state() == OperationState.PARKED
                          || earlier.state() == OperationState.HELD);
      if (!stuck) {
        count++;
      }
    }
    return count;
  }

  @Override
  public synchronized String requester(PlanId plan) {
    StoredPlan stored = plans.get(plan);
    if (stored == null) {
      throw new IllegalArgumentException("no plan " + plan);
    }
    return stored.actor();
  }

  @Override
  public synchronized boolean exists(PlanId plan) {
    return plans.containsKey(plan);
  }

  @Override
  public synchronized Map<OperationKind, Map<OperationState, Integer>> counts(PlanId plan) {
    Map<OperationKind, Map<OperationState, Integer>> counts = new EnumMap<>(OperationKind.class);
    for (StoredOperation operation : operations(plan)) {
      counts
          .computeIfAbsent(
              operation.operation().kind(), kind -> new EnumMap<>(OperationState.class))
          .merge(operation.state(), 1, Integer::sum);
    }
    return counts;
  }

  @Override
  public synchronized List<StoredOperation> inState(PlanId plan, OperationState state) {
    return operations(plan).stream().filter(operation -> operation.state() == state).toList();
  }

  @Override
  public synchronized Map<TargetId, Map<OperationState, Long>> depth() {
    Map<TargetId, Map<OperationState, Long>> depth = new TreeMap<>();
    for (StoredOperation operation : operations.values()) {
      depth
          .computeIfAbsent(operation.operation().target(), ignored -> new TreeMap<>())
          .merge(operation.state(), 1L, Long::sum);
    }
    return depth;
  }
}
