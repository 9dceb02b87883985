package io.tenure.store;

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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The audit log in {@code audit_events}: append-only (a trigger rejects UPDATE, DELETE and
 * TRUNCATE) and hash-chained. Each record's hash is the SHA-256 of the previous record's hash, a
 * newline, and the canonical JSON of the record (sequence, at, actor, action, subject, reason,
 * outcome, details in key order).
 *
 * <p>An event is part of the transaction that appends it (a nested append joins the caller's), so
 * it is kept if and only if that transaction commits: an append inserts the event into {@code
 * audit_inbox} in that transaction, without any lock, so that neither a long transaction (such as
 * an import that plans and stores its plan) nor concurrent workers recording attempts make others
 * wait. Once that transaction has committed, the appender moves every waiting event into {@code
 * audit_events}, chained in inbox order, in one short transaction under a transaction-scoped
 * advisory lock (one lock acquisition for many events); when another appender holds the lock, it
 * leaves its events to that one, which looks for waiting events again after it let go. Readers
 * ({@link #recent}, {@link #verify}) chain whatever is waiting first, under the lock, so they
 * always see every committed event in the chain.
 */
final class JdbcAuditLog implements AuditLog {

  private static final System.Logger LOG = System.getLogger(JdbcAuditLog.class.getName());

  /** The "previous hash" of the first record. */
  static final String GENESIS = "0".repeat(64);

  private static final long APPEND_LOCK = 0x7465_6e75_7265_0001L;
  private static final int VERIFY_PAGE = 1000;
  private static final String SELECT =
      "select sequence, at, actor, action, subject, reason, outcome, details::text as details,"
          + " previous_hash, hash from audit_events";

  /** How many waiting events are chained per statement batch. */
  private static final int SEAL_BATCH = 500;

  /** Marks a transaction whose commit is followed by chaining its events. */
  private final Object sealAfterCommit = new Object();

  private final JdbcClient client;
  private final JdbcTemplate template;
  private final TransactionTemplate transaction;
  private final TransactionTemplate separateTransaction;
  private final Json json;

  JdbcAuditLog(
      JdbcClient client, JdbcTemplate template, TransactionTemplate transaction, Json json) {
    this.client = client;
    this.template = template;
    this.transaction = transaction;
    this.separateTransaction = new TransactionTemplate(transaction.getTransactionManager());
    separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.json = json;
  }

  @Override
  public void append(AuditEvent event) {
    transaction.executeWithoutResult(
        status -> {
          client
              .sql(
                  "insert into audit_inbox (at, actor, action, subject, reason, outcome, details)"
                      + " values (?, ?, ?, ?, ?, ?, ?::jsonb)")
              .param(Timestamps.bind(Timestamps.truncate(event.at())))
              .param(event.actor())
              .param(event.action())
              .param(event.subject())
              .param(event.reason())
              .param(event.outcome())
              .param(json.write(event.details()))
              .update();
          sealAfterCommit();
        });
  }

  /**
   * Once the current transaction has committed, chains the waiting events ({@link #sealWaiting}).
   */
  private void sealAfterCommit() {
    if (TransactionSynchronizationManager.hasResource(sealAfterCommit)) {
      return;
    }
    TransactionSynchronizationManager.bindResource(sealAfterCommit, Boolean.TRUE);
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(sealAfterCommit);
            if (status == STATUS_COMMITTED) {
              sealWaiting();
            }
          }
        });
  }

  /**
   * Chains the waiting events unless another appender is doing so; whoever held the lock looks
   * again after letting go, so no committed event is left waiting once appends stop. Never throws:
   * events left waiting are chained by the next append or read.
   */
  private void sealWaiting() {
    try {
      while (true) {
        Boolean sealed =
            separateTransaction.execute(
                status -> {
                  boolean locked =
                      Boolean.TRUE.equals(
                          client
                              .sql("select pg_try_advisory_xact_lock(?)")
                              .param(APPEND_LOCK)
                              .query(Boolean.class)
                              .single());
                  if (locked) {
                    sealLocked();
                  }
                  return locked;
                });
        if (!Boolean.TRUE.equals(sealed)) {
          return;
        }
        Boolean waiting =
            separateTransaction.execute(
                status ->
                    client
                        .sql("select exists (select 1 from audit_inbox)")
                        .query(Boolean.class)
                        .single());
        if (!Boolean.TRUE.equals(waiting)) {
          return;
        }
      }
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "could not chain the waiting audit events now; the next append or read does",
          e);
    }
  }

  /**
   * In the current transaction: waits for the lock and chains every waiting event; looks again
   * after the transaction, for the events appenders left to it meanwhile.
   */
  private void sealAll() {
    client.sql("select pg_advisory_xact_lock(?)").param(APPEND_LOCK).query().singleRow();
    sealLocked();
    sealAfterCommit();
  }

  /** Moves the waiting events into the chain, in inbox order; the caller holds the lock. */
  private void sealLocked() {
    String previous = null;
    while (true) {
      List<Waiting> batch =
          client
              .sql(
                  "select id, at, actor, action, subject, reason, outcome, details::text as details"
                      + " from audit_inbox order by id limit ?")
              .param(SEAL_BATCH)
              .query((row, number) -> new Waiting(row.getLong("id"), event(row)))
              .list();
      if (batch.isEmpty()) {
        return;
      }
      if (previous == null) {
        previous =
            client
                .sql("select hash from audit_events order by sequence desc limit 1")
                .query(String.class)
                .optional()
                .orElse(GENESIS);
      }
      List<Long> sequences =
          client
              .sql(
                  "select nextval(pg_get_serial_sequence('audit_events', 'sequence'))"
                      + " from generate_series(1, ?)")
              .param(batch.size())
              .query(Long.class)
              .list()
              .stream()
              .sorted()
              .toList();
      List<Object[]> rows = new ArrayList<>();
      for (int index = 0; index < batch.size(); index++) {
        AuditEvent event = batch.get(index).event();
        long sequence = sequences.get(index);
        String hash = hash(previous, sequence, event);
        rows.add(
            new Object[] {
              sequence,
              Timestamps.bind(event.at()),
              event.actor(),
              event.action(),
              event.subject(),
              event.reason(),
              event.outcome(),
              json.write(event.details()),
              previous,
              hash
            });
        previous = hash;
      }
      template.batchUpdate(
          "insert into audit_events (sequence, at, actor, action, subject, reason, outcome,"
              + " details, previous_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)",
          rows);
      client
          .sql("delete from audit_inbox where id in (:ids)")
          .param("ids", batch.stream().map(Waiting::id).toList())
          .update();
    }
  }

  private record Waiting(long id, AuditEvent event) {}

  @Override
  public List<AuditRecord> recent(@Nullable String subjectContains, int limit) {
    return transaction.execute(
        status -> {
          sealAll();
          if (subjectContains == null) {
            return client
                .sql(SELECT + " order by sequence desc limit ?")
                .param(limit)
                .query(this::map)
                .list();
          }
          return client
              .sql(
                  SELECT
                      + " where strpos(lower(subject), lower(?)) > 0 order by sequence desc limit ?")
              .param(subjectContains)
              .param(limit)
              .query(this::map)
              .list();
        });
  }

  @Override
  public long verify() {
    Long broken =
        transaction.execute(
            status -> {
              sealAll();
              return verifyChain();
            });
    return broken == null ? -1 : broken;
  }

  private long verifyChain() {
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
    return new AuditRecord(row.getLong("sequence"), event(row), row.getString("hash"));
  }

  /** The event of an {@code audit_events} or {@code audit_inbox} row. */
  private AuditEvent event(ResultSet row) throws SQLException {
    return new AuditEvent(
        Timestamps.readRequired(row, "at"),
        row.getString("actor"),
        row.getString("action"),
        row.getString("subject"),
        row.getString("reason"),
        row.getString("outcome"),
        json.readMap(row.getString("details")));
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
