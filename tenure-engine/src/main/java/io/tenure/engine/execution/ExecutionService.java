package io.tenure.engine.execution;

import io.tenure.core.plan.Operation;
import io.tenure.core.plan.OperationKind;
import io.tenure.core.plan.Plan;
import io.tenure.engine.configuration.TargetDefinition;
import io.tenure.engine.connector.ConnectorRegistry;
import io.tenure.engine.store.IdGenerator;
import io.tenure.engine.store.Transactions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Applies plans: stores the plan and its operations (one transaction) before touching any target,
 * then runs the operations in plan order through the targets' connectors, one {@link
 * OperationRunner#run} each.
 *
 * <p>When an operation fails, the later operations of the same account (target and username) in
 * that run are {@link OperationState#SKIPPED}; other accounts carry on. Running a stored plan again
 * ({@link #execute}) retries its {@code PENDING} and {@code FAILED} operations; succeeded, parked
 * and skipped ones are left as they are.
 *
 * <p>Built with a {@link QueuedExecution}, {@link #execute} runs the plan through the durable queue
 * instead (workers, per-account order, retries with backoff, parking), until the plan is settled;
 * without one, execution is sequential in the calling thread.
 */
public final class ExecutionService implements PlanExecution {

  private final PlanRepository plans;
  private final OperationRunner runner;
  private final Transactions transactions;
  private final IdGenerator ids;
  private final Clock clock;
  private final Supplier<ConnectorRegistry> connectors;
  private final @Nullable QueuedExecution queued;

  /**
   * @param connectors opens the connectors for one execution (for example {@code () ->
   *     ConnectorRegistry.load(configuration.targets())}); closed when the execution ends
   */
  public ExecutionService(
      PlanRepository plans,
      OperationRunner runner,
      Transactions transactions,
      IdGenerator ids,
      Clock clock,
      Supplier<ConnectorRegistry> connectors) {
    this(plans, runner, transactions, ids, clock, connectors, null);
  }

  /**
   * @param queued when not null, {@link #execute} runs plans through the durable queue
   */
  public ExecutionService(
      PlanRepository plans,
      OperationRunner runner,
      Transactions transactions,
      IdGenerator ids,
      Clock clock,
      Supplier<ConnectorRegistry> connectors,
      @Nullable QueuedExecution queued) {
    this.plans = plans;
    this.runner = runner;
    this.transactions = transactions;
    this.ids = ids;
    this.clock = clock;
    this.connectors = connectors;
    this.queued = queued;
  }

  /** Connectors found through {@link java.util.ServiceLoader} for the configured targets. */
  public static Supplier<ConnectorRegistry> serviceLoaded(Collection<TargetDefinition> targets) {
    List<TargetDefinition> copy = List.copyOf(targets);
    return () -> ConnectorRegistry.load(copy);
  }

  /** Stores the plan, then executes it. */
  @Override
  public ExecutionSummary apply(Plan plan, String actor, String trigger) {
    StoredPlan stored = store(plan, actor, trigger);
    return execute(stored.id(), actor);
  }

  /** Persists the plan with every operation {@code PENDING}, in one transaction. */
  public StoredPlan store(Plan plan, String actor, String trigger) {
    return transactions.inTransaction(
        () -> plans.create(ids.newPlanId(), plan, actor, trigger, clock.instant()));
  }

  /**
   * Runs the stored plan's {@code PENDING} and {@code FAILED} operations in plan order.
   *
   * @throws IllegalArgumentException if there is no such plan
   */
  public ExecutionSummary execute(PlanId plan, String actor) {
    return execute(plan, List.of(), actor);
  }

  /**
   * Runs the stored plan together with the earlier plans whose unsettled operations it relies on
   * (see {@link AlreadyQueued}): through the queue, until all of them are settled; sequentially,
   * the earlier plans first. Summarises the plan only.
   *
   * @throws IllegalArgumentException if there is no such plan
   */
  public ExecutionSummary execute(PlanId plan, Collection<PlanId> earlier, String actor) {
    if (queued == null) {
      earlier.forEach(each -> execute(each, List.of(), actor));
    } else {
      // whether it exists, not the whole plan: at 100,000 people that is 300,000 operations read
      if (!queued.exists(plan)) {
        throw new IllegalArgumentException("there is no plan " + plan);
      }
      return queued.runUntilSettled(plan, earlier);
    }
    List<StoredOperation> operations =
        transactions.inTransaction(
            () -> {
              if (plans.find(plan).isEmpty()) {
                throw new IllegalArgumentException("there is no plan " + plan);
              }
              return plans.operations(plan);
            });
    Map<OperationKind, ExecutionSummary.KindCounts> counts = new EnumMap<>(OperationKind.class);
    List<ExecutionSummary.Failure> failures = new ArrayList<>();
    Map<String, StoredOperation> failedAccounts = new HashMap<>();
    try (ConnectorRegistry registry = connectors.get()) {
      for (StoredOperation stored : operations) {
        if (stored.state() == OperationState.HELD) {
          counts.merge(
              stored.operation().kind(),
              ExecutionSummary.KindCounts.NONE.plus(OperationState.HELD),
              ExecutionSummary.KindCounts::plus);
          continue;
        }
        if (stored.state() != OperationState.PENDING && stored.state() != OperationState.FAILED) {
          continue;
        }
        Operation operation = stored.operation();
        String account = operation.target() + "/" + operation.username();
        StoredOperation failedBefore = failedAccounts.get(account);
        OperationOutcome outcome;
        if (failedBefore != null) {
          outcome =
              runner.skip(
                  stored,
                  actor,
                  "skipped: the earlier operation "
                      + failedBefore.id()
                      + " ("
                      + failedBefore.operation().describe()
                      + ") on "
                      + account
                      + " failed");
        } else {
          outcome = runner.run(stored, registry, actor);
          if (outcome.failed()) {
            failedAccounts.put(account, stored);
            failures.add(new ExecutionSummary.Failure(stored.id(), operation.describe(), outcome));
          }
        }
        counts.merge(
            operation.kind(),
            ExecutionSummary.KindCounts.NONE.plus(outcome.state()),
            ExecutionSummary.KindCounts::plus);
      }
    }
    return new ExecutionSummary(plan, counts, failures);
  }
}
