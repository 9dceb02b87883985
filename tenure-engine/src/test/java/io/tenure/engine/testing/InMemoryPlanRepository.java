package io.tenure.engine.testing;

import io.tenure.core.plan.Operation;
import io.tenure.core.plan.Plan;
import io.tenure.engine.execution.OperationAttempt;
import io.tenure.engine.execution.OperationId;
import io.tenure.engine.execution.PlanId;
import io.tenure.engine.execution.PlanRepository;
import io.tenure.engine.execution.StoredOperation;
import io.tenure.engine.execution.StoredPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Plans and operations in maps, with every attempt kept, for fast tests. */
public final class InMemoryPlanRepository implements PlanRepository {

  private final Map<PlanId, StoredPlan> plans = new LinkedHashMap<>();
  private final Map<PlanId, List<OperationId>> operationsOfPlan = new HashMap<>();
  private final Map<OperationId, StoredOperation> operations = new HashMap<>();
  private final Map<OperationId, List<OperationAttempt>> attempts = new HashMap<>();
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

  /** Every attempt recorded for an operation, oldest first. */
  public synchronized List<OperationAttempt> attempts(OperationId id) {
    return List.copyOf(attempts.getOrDefault(id, List.of()));
  }
}
