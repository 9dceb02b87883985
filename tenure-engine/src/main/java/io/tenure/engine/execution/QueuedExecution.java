package io.tenure.engine.execution;

import io.tenure.core.account.TargetId;
import io.tenure.core.plan.Plan;
import io.tenure.engine.connector.ConnectorRegistry;
import io.tenure.engine.store.IdGenerator;
import io.tenure.engine.store.Transactions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Applies plans through the durable queue: the plan and its operations are stored (one
 * transaction), then this process's {@link OperationWorkers} run the queue until every operation of
 * the plan is settled: succeeded, parked, discarded, or waiting behind a parked or held operation
 * of its account. Other processes' workers may run some of the plan's operations meanwhile.
 *
 * <p>A target that is out does not keep a run forever: once every operation still to run waits for
 * a target that has been out for {@link OutageSettings#patience()} or longer, the run returns.
 * Those operations stay queued as they are (not counted, not parked; the summary counts them as
 * skipped) for the next run or a serving process.
 */
public final class QueuedExecution {

  private static final Set<OperationState> FINISHED =
      EnumSet.of(OperationState.SUCCEEDED, OperationState.DISCARDED, OperationState.SKIPPED);

  private final PlanRepository plans;
  private final OperationQueue queue;
  private final OperationWorkers workers;
  private final Transactions transactions;
  private final IdGenerator ids;
  private final Clock clock;
  private final Supplier<ConnectorRegistry> connectors;

  public QueuedExecution(
      PlanRepository plans,
      OperationQueue queue,
      OperationWorkers workers,
      Transactions transactions,
      IdGenerator ids,
      Clock clock,
      Supplier<ConnectorRegistry> connectors) {
    this.plans = plans;
    this.queue = queue;
    this.workers = workers;
    this.transactions = transactions;
    this.ids = ids;
    this.clock = clock;
    this.connectors = connectors;
  }

  /** Stores the plan with every operation {@code PENDING}, in one transaction. */
  public StoredPlan store(Plan plan, String actor, String trigger) {
    return transactions.inTransaction(
        () -> plans.create(ids.newPlanId(), plan, actor, trigger, clock.instant()));
  }

  /** Stores the plan, then runs the queue until the plan is settled. */
  public ExecutionSummary apply(Plan plan, String actor, String trigger) {
    return runUntilSettled(store(plan, actor, trigger).id());
  }

  /** Runs the queue until the stored plan is settled and summarises it. */
  public ExecutionSummary runUntilSettled(PlanId plan) {
    return runUntilSettled(plan, List.of());
  }

  /**
   * Runs the queue until the stored plan and the earlier plans (whose unsettled operations it
   * relies on) are settled, and summarises the plan.
   */
  public ExecutionSummary runUntilSettled(PlanId plan, Collection<PlanId> earlier) {
    List<PlanId> waitedFor = new ArrayList<>(earlier);
    waitedFor.add(plan);
    try (ConnectorRegistry registry = connectors.get()) {
      workers.runUntil(
          registry,
          () -> waitedFor.stream().allMatch(queue::settled) || onlyWaitingForOutages(waitedFor));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running plan " + plan, e);
    }
    return summary(plan);
  }

  /**
   * Whether every operation of the plans still to run waits for a target that has been out for the
   * patience or longer (so a run started while a target has been out that long returns at once):
   * the first open operation of each of their accounts that is {@code PENDING} or {@code FAILED}
   * (not behind a parked or held one) is of such a target. Reads the plans only when such a target
   * exists.
   */
  private boolean onlyWaitingForOutages(List<PlanId> waitedFor) {
    Set<TargetId> out = workers.outBeyondPatience();
    if (out.isEmpty()) {
      return false;
    }
    List<StoredOperation> operations =
        transactions.inTransaction(
            () ->
                waitedFor.stream()
                    .flatMap(each -> plans.operations(each).stream())
                    .sorted(Comparator.comparingLong(operation -> operation.id().value()))
                    .toList());
    Map<String, StoredOperation> firstOpen = new HashMap<>();
    for (StoredOperation operation : operations) {
      if (!FINISHED.contains(operation.state())) {
        firstOpen.putIfAbsent(
            operation.operation().target() + "/" + operation.operation().username(), operation);
      }
    }
    return firstOpen.values().stream()
        .filter(
            operation ->
                operation.state() == OperationState.PENDING
                    || operation.state() == OperationState.FAILED)
        .allMatch(operation -> out.contains(operation.operation().target()));
  }

  /**
   * What the plan's operations came to (counted by the store, only the parked ones read):
   * succeeded, failed (parked), skipped (discarded, or waiting behind a parked or held operation of
   * their account), held (by the mass-change brake).
   */
  public ExecutionSummary summary(PlanId plan) {
    return transactions.inTransaction(
        () ->
            ExecutionSummary.of(
                plan, queue.counts(plan), queue.inState(plan, OperationState.PARKED)));
  }

  /** Whether the plan is stored, read without its operations. */
  public boolean exists(PlanId plan) {
    return transactions.inTransaction(() -> queue.exists(plan));
  }
}
