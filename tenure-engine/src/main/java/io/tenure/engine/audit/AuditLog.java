package io.tenure.engine.audit;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Port: the append-only, hash-chained audit log. */
public interface AuditLog {

  /** Appends an event; it is never changed or removed afterwards. */
  void append(AuditEvent event);

  /**
   * The newest events first.
   *
   * @param subjectContains only events whose subject contains this text, or all when null
   * @param limit at most this many
   */
  List<AuditRecord> recent(@Nullable String subjectContains, int limit);

  /** Recomputes the hash chain; returns the first broken sequence number, or -1 when intact. */
  long verify();
}
