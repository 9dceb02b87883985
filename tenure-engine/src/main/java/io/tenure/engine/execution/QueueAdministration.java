package io.tenure.engine.execution;

import io.tenure.core.plan.Operation;
import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.store.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an operator does to the queue: retry a parked or failed operation, discard one that should
 * not run. Each change and its audit event ({@code operation.retried}, {@code operation.discarded})
 * are stored in one transaction.
 */
public final class QueueAdministration {

  /** What happened to one operation an operator named. */
  public enum Result {
    DONE,
    NOT_FOUND,
    WRONG_STATE
  }

  private final OperationQueue queue;
  private final AuditLog audit;
  private final Transactions transactions;
  private final Clock clock;

  public QueueAdministration(
      OperationQueue queue, AuditLog audit, Transactions transactions, Clock clock) {
    this.queue = queue;
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** Makes a parked or failed operation due at once, with fresh attempts. */
  public Result retry(OperationId id, String actor) {
    return transactions.inTransaction(
        () -> {
          Optional<QueuedOperation> found = queue.find(id);
          if (found.isEmpty()) {
            return Result.NOT_FOUND;
          }
          Instant now = clock.instant();
          if (!queue.requeue(id, now)) {
            return Result.WRONG_STATE;
          }
          audit.append(
              event(found.get().operation(), actor, "operation.retried", now, "operator retry"));
          return Result.DONE;
        });
  }

  /** Gives up an operation that has not succeeded; later operations of its account may run. */
  public Result discard(OperationId id, String actor, String reason) {
    if (reason.isBlank()) {
      throw new IllegalArgumentException("discarding an operation needs a reason");
    }
    return transactions.inTransaction(
        () -> {
          Optional<QueuedOperation> found = queue.find(id);
          if (found.isEmpty()) {
            return Result.NOT_FOUND;
          }
          Instant now = clock.instant();
          if (!queue.discard(id, now)) {
            return Result.WRONG_STATE;
          }
          audit.append(event(found.get().operation(), actor, "operation.discarded", now, reason));
          return Result.DONE;
        });
  }

  private static AuditEvent event(
      StoredOperation stored, String actor, String action, Instant at, String reason) {
    Operation operation = stored.operation();
    Map<String, String> details = new TreeMap<>();
    details.put("plan", stored.plan().value());
    details.put("operation", stored.id().toString());
    details.put("kind", operation.kind().name());
    details.put("change", operation.describe());
    details.put("previousState", stored.state().name());
    return new AuditEvent(
        at,
        actor,
        action,
        operation.target() + "/" + operation.username(),
        reason,
        "success",
        details);
  }
}
