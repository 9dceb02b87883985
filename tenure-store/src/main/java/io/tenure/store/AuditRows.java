package io.tenure.store;

import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditRecord;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The audit records and events of {@code audit_events} and {@code audit_inbox} rows. */
final class AuditRows {

  /** The columns of a record, from {@code audit_events}. */
  static final String SELECT =
      "select sequence, at, actor, action, subject, reason, outcome, details::text as details,"
          + " previous_hash, hash, scheme from audit_events";

  private final Json json;

  AuditRows(Json json) {
    this.json = json;
  }

  /** The record of an {@code audit_events} row selected with {@link #SELECT}. */
  AuditRecord record(ResultSet row, int number) throws SQLException {
    return new AuditRecord(row.getLong("sequence"), event(row), row.getString("hash"));
  }

  /** The event of an {@code audit_events} or {@code audit_inbox} row. */
  AuditEvent event(ResultSet row) throws SQLException {
    return new AuditEvent(
        Timestamps.readRequired(row, "at"),
        row.getString("actor"),
        row.getString("action"),
        row.getString("subject"),
        row.getString("reason"),
        row.getString("outcome"),
        json.readMap(row.getString("details")));
  }
}
