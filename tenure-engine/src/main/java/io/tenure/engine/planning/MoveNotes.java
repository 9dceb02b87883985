package io.tenure.engine.planning;

import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.Operation;
import io.tenure.core.plan.Reason;
import io.tenure.core.plan.RemoveEntitlement;
import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.audit.AuditQuery;
import io.tenure.engine.audit.AuditRecord;
import io.tenure.engine.audit.AuditVerification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The moves an import just recorded ({@code mover: department Sales -> Engineering}), per identity,
 * so that the plan that follows says a removal is a move and from what to what ({@code no longer
 * granted after the move department Sales -> Engineering, from lifecycle ACTIVE}) rather than only
 * "no longer granted". Filled by the importer's audit log ({@link #noting(AuditLog)}), read by
 * planning; cleared when a new run of imports starts. Kept in memory for the process's current run
 * only, since a removal follows the move of the same run. Thread-safe.
 */
public final class MoveNotes {

  /** The audit action of a move, as the importer writes it. */
  static final String MOVER_ACTION = "identity.mover";

  private static final String NO_LONGER_GRANTED = "no longer granted";

  private final Map<IdentityId, String> moves = new ConcurrentHashMap<>();

  /** Notes that the identity moved ({@code department Sales -> Engineering}). */
  public void noteMove(IdentityId identity, String change) {
    moves.put(identity, change);
  }

  /** The move noted for the identity in the current run, if any. */
  public Optional<String> moveOf(@Nullable IdentityId identity) {
    return identity == null ? Optional.empty() : Optional.ofNullable(moves.get(identity));
  }

  /** Forgets every move (a new run of imports starts). */
  public void clear() {
    moves.clear();
  }

  /**
   * The operations with each removal of an entitlement that is no longer granted to a person who
   * just moved explained by the move.
   */
  public List<Operation> explain(List<Operation> operations) {
    if (moves.isEmpty()) {
      return operations;
    }
    List<Operation> explained = new ArrayList<>(operations.size());
    for (Operation operation : operations) {
      Optional<String> move =
          operation instanceof RemoveEntitlement removal
              ? moveOf(removal.owner())
              : Optional.empty();
      if (move.isPresent()
          && operation instanceof RemoveEntitlement removal
          && removal.reason().chain().get(0).equals(NO_LONGER_GRANTED)) {
        List<String> chain = new ArrayList<>(removal.reason().chain());
        chain.set(0, NO_LONGER_GRANTED + " after the move " + move.get());
        explained.add(
            new RemoveEntitlement(
                removal.target(),
                removal.username(),
                removal.owner(),
                removal.entitlement(),
                new Reason(chain)));
      } else {
        explained.add(operation);
      }
    }
    return explained;
  }

  /**
   * The audit log, noting each {@code identity.mover} event appended to it (subject {@code identity
   * ID}, reason ending in {@code mover: CHANGES}) once it is passed on; {@link AuditLog#appendAll}
   * is passed on as one batch, as the delegate's own would be.
   */
  public AuditLog noting(AuditLog delegate) {
    return new AuditLog() {
      @Override
      public void append(AuditEvent event) {
        delegate.append(event);
        note(event);
      }

      /** Passed on as one batch (an import chunk's events in one round trip), then noted. */
      @Override
      public void appendAll(List<AuditEvent> events) {
        delegate.appendAll(events);
        events.forEach(this::note);
      }

      private void note(AuditEvent event) {
        if (MOVER_ACTION.equals(event.action()) && event.subject().startsWith("identity ")) {
          String reason = event.reason();
          int at = reason.indexOf("mover: ");
          if (at >= 0) {
            noteMove(
                new IdentityId(event.subject().substring("identity ".length())),
                reason.substring(at + "mover: ".length()));
          }
        }
      }

      @Override
      public List<AuditRecord> recent(@Nullable String subjectContains, int limit) {
        return delegate.recent(subjectContains, limit);
      }

      @Override
      public List<AuditRecord> search(AuditQuery query) {
        return delegate.search(query);
      }

      @Override
      public AuditVerification verify() {
        return delegate.verify();
      }
    };
  }
}
