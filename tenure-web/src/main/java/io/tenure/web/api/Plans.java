package io.tenure.web.api;

import io.tenure.core.identity.IdentityId;
import io.tenure.engine.execution.ExecutionSummary;
import io.tenure.engine.execution.OperationQueue;
import io.tenure.engine.execution.PlanId;
import io.tenure.engine.execution.PlanRepository;
import io.tenure.engine.execution.StoredOperation;
import io.tenure.engine.execution.StoredPlan;
import io.tenure.engine.guard.GuardedExecution;
import io.tenure.engine.guard.PlanHold;
import io.tenure.engine.people.PersonDirectory;
import io.tenure.engine.store.Transactions;
import io.tenure.web.problem.NotFound;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/** Plans, held ones with their decisions, as the API and the console show them. */
@Component
@ConditionalOnWebApplication
public class Plans {

  private final ObjectProvider<GuardedExecution> guarded;
  private final ObjectProvider<PlanRepository> plans;
  private final ObjectProvider<OperationQueue> queue;
  private final ObjectProvider<PersonDirectory> people;
  private final ObjectProvider<Transactions> transactions;

  Plans(
      ObjectProvider<GuardedExecution> guarded,
      ObjectProvider<PlanRepository> plans,
      ObjectProvider<OperationQueue> queue,
      ObjectProvider<PersonDirectory> people,
      ObjectProvider<Transactions> transactions) {
    this.guarded = guarded;
    this.plans = plans;
    this.queue = queue;
    this.people = people;
    this.transactions = transactions;
  }

  /** The held plans (or every plan the brake ever held), newest first. */
  public PlanViews.Page holds(boolean onlyHeld, int limit) {
    return new PlanViews.Page(
        guarded.getObject().holds(onlyHeld, limit).stream().map(Views::hold).toList());
  }

  /** One plan with its operations, their reasons and their state. */
  public PlanViews.Detail detail(String id) {
    PlanId plan = new PlanId(id);
    Optional<StoredPlan> stored =
        transactions.getObject().inTransaction(() -> plans.getObject().find(plan));
    if (stored.isEmpty()) {
      throw new NotFound("there is no plan " + id);
    }
    List<StoredOperation> operations =
        transactions.getObject().inTransaction(() -> plans.getObject().operations(plan));
    Map<IdentityId, String> names = people.getObject().names(Views.owners(operations));
    Optional<PlanHold> hold =
        guarded.getObject().holds(false, Parameters.MAX_LIMIT).stream()
            .filter(candidate -> candidate.plan().equals(plan))
            .findFirst();
    return new PlanViews.Detail(
        id,
        stored.get().createdAt().toString(),
        stored.get().actor(),
        stored.get().trigger(),
        hold.map(Views::hold).orElse(null),
        operations.stream()
            .map(
                operation ->
                    Views.operation(
                        operation, queue.getObject().find(operation.id()).orElse(null), names))
            .toList());
  }

  /** Lets a held plan run (audited with {@code actor}). */
  public PlanViews.Resumed approve(String id, String actor, String reason) {
    ExecutionSummary summary;
    try {
      summary = guarded.getObject().resume(new PlanId(id), actor, reason);
    } catch (IllegalArgumentException e) {
      throw new NotFound(e.getMessage());
    }
    return new PlanViews.Resumed(
        id,
        "RESUMED",
        summary.succeeded(),
        summary.failed(),
        summary.skipped(),
        summary.held(),
        summary.complete());
  }

  /** Discards a held plan's held operations (audited with {@code actor}). */
  public PlanViews.Hold reject(String id, String actor, String reason) {
    try {
      return Views.hold(guarded.getObject().reject(new PlanId(id), actor, reason));
    } catch (IllegalArgumentException e) {
      throw new NotFound(e.getMessage());
    }
  }
}
