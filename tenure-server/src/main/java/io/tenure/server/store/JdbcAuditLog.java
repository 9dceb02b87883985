package io.tenure.server.store;

import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.audit.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The audit log in {@code audit_events}: append-only (a trigger rejects UPDATE, DELETE and
 * TRUNCATE) and hash-chained. Each record's hash is the SHA-256 of the previous record's hash, a
 * newline, and the canonical JSON of the record (sequence, at, actor, action, subject, reason,
 * outcome, details in key order). Appends are serialised by a transaction-scoped advisory lock, so
 * that concurrent appends still form one chain.
 *
 * <p>An event is part of the transaction that appends it (a nested append joins the caller's), so
 * it is kept if and only if that transaction commits. The events are written just before the commit
 * (or before a read of the log in the same transaction), which keeps the lock for the moment of the
 * commit only: a long transaction, such as an import that plans and stores its plan, does not stop
 * every other process from auditing while it runs.
 */
final class JdbcAuditLog implements AuditLog {

  /** The "previous hash" of the first record. */
  static final String GENESIS = "0".repeat(64);

  private static final long APPEND_LOCK = 0x7465_6e75_7265_0001L;
  private static final int VERIFY_PAGE = 1000;
  private static final String SELECT =
      "select sequence, at, actor, action, subject, reason, outcome, details::text as details,"
          + " previous_hash, hash from audit_events";

  private final JdbcClient client;
  private final TransactionTemplate transaction;
  private final Json json;

  JdbcAuditLog(JdbcClient client, TransactionTemplate transaction, Json json) {
    this.client = client;
    this.transaction = transaction;
    this.json = json;
  }

  @Override
  public void append(AuditEvent event) {
    transaction.executeWithoutResult(status -> pending().add(event));
  }

  /**
   * The events appended in the current transaction and not written yet; the first call in a
   * transaction registers their writing before its commit.
   */
  private List<AuditEvent> pending() {
    @SuppressWarnings("unchecked")
    List<AuditEvent> pending =
        (List<AuditEvent>) TransactionSynchronizationManager.getResource(this);
    if (pending != null) {
      return pending;
    }
    List<AuditEvent> created = new ArrayList<>();
    TransactionSynchronizationManager.bindResource(this, created);
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void beforeCommit(boolean readOnly) {
            writePending();
          }

          @Override
          public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(JdbcAuditLog.this);
          }
        });
    return created;
  }

  /** Writes the current transaction's pending events, in the order they were appended. */
  private void writePending() {
    @SuppressWarnings("unchecked")
    List<AuditEvent> pending =
        (List<AuditEvent>) TransactionSynchronizationManager.getResource(this);
    if (pending == null) {
      return;
    }
    pending.forEach(this::appendLocked);
    pending.clear();
  }

  private void appendLocked(AuditEvent given) {
    client.sql("select pg_advisory_xact_lock(?)").param(APPEND_LOCK).query().singleRow();
    String previous =
        client
            .sql("select hash from audit_events order by sequence desc limit 1")
            .query(String.class)
            .optional()
            .orElse(GENESIS);
    long sequence =
        client
            .sql("select nextval(pg_get_serial_sequence('audit_events', 'sequence'))")
            .query(Long.class)
            .single();
    AuditEvent event =
        new AuditEvent(
            Timestamps.truncate(given.at()),
            given.actor(),
            given.action(),
            given.subject(),
            given.reason(),
            given.outcome(),
            given.details());
    String hash = hash(previous, sequence, event);
    client
        .sql(
            "insert into audit_events (sequence, at, actor, action, subject, reason, outcome,"
                + " details, previous_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)")
        .param(sequence)
        .param(Timestamps.bind(event.at()))
        .param(event.actor())
        .param(event.action())
        .param(event.subject())
        .param(event.reason())
        .param(event.outcome())
        .param(json.write(event.details()))
        .param(previous)
        .param(hash)
        .update();
  }

  @Override
  public List<AuditRecord> recent(@Nullable String subjectContains, int limit) {
    writePending();
    if (subjectContains == null) {
      return client
          .sql(SELECT + " order by sequence desc limit ?")
          .param(limit)
          .query(this::map)
          .list();
    }
    return client
        .sql(SELECT + " where strpos(lower(subject), lower(?)) > 0 order by sequence desc limit ?")
        .param(subjectContains)
        .param(limit)
        .query(this::map)
        .list();
  }

  @Override
  public long verify() {
    writePending();
    String previous = GENESIS;
    long after = 0;
    while (true) {
      List<StoredRow> page =
          client
              .sql(SELECT + " where sequence > ? order by sequence limit ?")
              .param(after)
              .param(VERIFY_PAGE)
              .query(
                  (row, number) -> new StoredRow(map(row, number), row.getString("previous_hash")))
              .list();
      if (page.isEmpty()) {
        return -1;
      }
      for (StoredRow stored : page) {
        AuditRecord record = stored.record();
        if (!stored.previousHash().equals(previous)
            || !hash(previous, record.sequence(), record.event()).equals(record.hash())) {
          return record.sequence();
        }
        previous = record.hash();
        after = record.sequence();
      }
    }
  }

  private record StoredRow(AuditRecord record, String previousHash) {}

  private AuditRecord map(ResultSet row, int number) throws SQLException {
    AuditEvent event =
        new AuditEvent(
            Timestamps.readRequired(row, "at"),
            row.getString("actor"),
            row.getString("action"),
            row.getString("subject"),
            row.getString("reason"),
            row.getString("outcome"),
            json.readMap(row.getString("details")));
    return new AuditRecord(row.getLong("sequence"), event, row.getString("hash"));
  }

  /** The chain hash of a record. */
  String hash(String previousHash, long sequence, AuditEvent event) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(previousHash.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) '\n');
      digest.update(canonical(sequence, event).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** The canonical serialisation of a record: fixed field order, details in key order. */
  String canonical(long sequence, AuditEvent event) {
    JsonMapper mapper = json.mapper();
    ObjectNode node = mapper.createObjectNode();
    node.put("sequence", sequence);
    node.put("at", format(event.at()));
    node.put("actor", event.actor());
    node.put("action", event.action());
    node.put("subject", event.subject());
    node.put("reason", event.reason());
    node.put("outcome", event.outcome());
    ObjectNode details = node.putObject("details");
    event.details().forEach(details::put);
    return mapper.writeValueAsString(node);
  }

  private static String format(Instant at) {
    return Timestamps.truncate(at).toString();
  }
}
