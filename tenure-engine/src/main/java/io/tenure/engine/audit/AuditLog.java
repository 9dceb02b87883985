package io.tenure.engine.audit;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Port: the append-only, hash-chained audit log. Implementations key the chain so that only the
 * holder of a key kept outside the store can extend or rewrite it, and keep checkpoints of the
 * chain's head outside the store so that deleting the newest records is seen.
 */
public interface AuditLog {

  /** Appends an event; it is never changed or removed afterwards. */
  void append(AuditEvent event);

  /**
   * Appends the events in order, as {@link #append} of each would, in as few round trips to the
   * store as it can. The default appends them one by one.
   */
  default void appendAll(List<AuditEvent> events) {
    events.forEach(this::append);
  }

  /**
   * The newest events first.
   *
   * @param subjectContains only events whose subject contains this text, or all when null
   * @param limit at most this many
   */
  List<AuditRecord> recent(@Nullable String subjectContains, int limit);

  /**
   * The events matching the query, newest first. The default filters the newest ten thousand
   * events; a store should search them all.
   */
  default List<AuditRecord> search(AuditQuery query) {
    return recent(null, 10_000).stream().filter(query::matches).limit(query.limit()).toList();
  }

  /**
   * The records after a sequence number, oldest first (what audit streaming sends next). The
   * default reads the newest ten thousand; a store should read from the sequence.
   *
   * @param sequence only records with a greater sequence number
   * @param limit at most this many
   */
  default List<AuditRecord> after(long sequence, int limit) {
    List<AuditRecord> newestFirst = new java.util.ArrayList<>(recent(null, 10_000));
    java.util.Collections.reverse(newestFirst);
    return newestFirst.stream()
        .filter(record -> record.sequence() > sequence)
        .limit(limit)
        .toList();
  }

  /**
   * Replaces the content of stored records by a pseudonymised content (after the retention delete
   * of the person they are about), keeping each record's place in the chain, then appends {@code
   * record} (an {@code audit.pseudonymised} event), to which the store adds the list of the records
   * replaced and a keyed digest of their new content, so that {@link #verify} still holds and sees
   * any later change of them. The replacements keep each record's time, action and outcome.
   *
   * @throws UnsupportedOperationException when the log cannot (the default)
   */
  default void pseudonymise(java.util.Map<Long, AuditEvent> replacements, AuditEvent record) {
    throw new UnsupportedOperationException("this audit log cannot pseudonymise records");
  }

  /**
   * Recomputes the chain (links and keyed hashes) and checks it against the newest checkpoint kept
   * outside the store.
   */
  AuditVerification verify();
}
