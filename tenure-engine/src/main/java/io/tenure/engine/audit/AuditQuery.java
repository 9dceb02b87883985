package io.tenure.engine.audit;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A search of the audit trail; every criterion given must hold (none given: every event). Newest
 * first.
 *
 * @param person only events about this person: the subject {@code identity <id>}, or an operation
 *     on one of the person's accounts (its {@code owner} detail); null for anyone
 * @param actor only events whose actor contains this text (case-insensitive); null for any
 * @param action only events whose action starts with this text ({@code plan.} or {@code
 *     plan.rejected}); null for any
 * @param from only events at or after this instant; null for no lower bound
 * @param until only events before this instant; null for no upper bound
 * @param before only events older than this sequence number (the cursor of the next page); null
 *     from the newest
 * @param limit at most this many (1 to 1000)
 */
public record AuditQuery(
    @Nullable String person,
    @Nullable String actor,
    @Nullable String action,
    @Nullable Instant from,
    @Nullable Instant until,
    @Nullable Long before,
    int limit) {

  public AuditQuery {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be from 1 to 1000, not " + limit);
    }
  }

  /** The newest {@code limit} events about one person. */
  public static AuditQuery aboutPerson(String person, int limit) {
    return new AuditQuery(person, null, null, null, null, null, limit);
  }

  /** Whether an event matches (what a store without a better search filters with). */
  public boolean matches(AuditRecord record) {
    AuditEvent event = record.event();
    if (person != null
        && !event.subject().equals("identity " + person)
        && !Objects.equals(event.details().get("owner"), person)) {
      return false;
    }
    if (actor != null
        && !event
            .actor()
            .toLowerCase(java.util.Locale.ROOT)
            .contains(actor.toLowerCase(java.util.Locale.ROOT))) {
      return false;
    }
    if (action != null && !event.action().startsWith(action)) {
      return false;
    }
    if (from != null && event.at().isBefore(from)) {
      return false;
    }
    if (until != null && !event.at().isBefore(until)) {
      return false;
    }
    return before == null || record.sequence() < before;
  }
}
