package io.tenure.store;

import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.audit.AuditQuery;
import io.tenure.engine.audit.AuditRecord;
import io.tenure.engine.audit.AuditVerification;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit log in {@code audit_events}: append-only (a trigger rejects UPDATE, DELETE and
 * TRUNCATE) and hash-chained under a key kept outside the database ({@link AuditSealing}). Each
 * record's hash is the HMAC-SHA256 of the previous record's hash, a newline, and the canonical JSON
 * of the record ({@link AuditRecordForm}); records written before the chain was keyed keep their
 * plain SHA-256 ({@code scheme} {@code sha256}) and no such record may follow a keyed one. After
 * every commit that extends the chain, a checkpoint of its head is written outside the database;
 * {@link #verify} checks the chain against it ({@link AuditChainVerifier}), so that deleting the
 * newest records is seen.
 *
 * <p>An event is part of the transaction that appends it (a nested append joins the caller's), so
 * it is kept if and only if that transaction commits: an append inserts the event into {@code
 * audit_inbox} in that transaction, without any lock, so that neither a long transaction (such as
 * an import that plans and stores its plan) nor concurrent workers recording attempts make others
 * wait. Once that transaction has committed, the log's {@link AuditChainer} moves every waiting
 * event into {@code audit_events}, after the commit or on a background thread ({@link
 * AuditChaining}). Readers ({@link #recent}, {@link #search}, {@link #after}, {@link #verify})
 * chain whatever is waiting first, under the chain's lock, so they always see every committed event
 * in the chain; {@link #close} chains what is left before the log is let go.
 */
final class JdbcAuditLog implements AuditLog, AutoCloseable {

  /** The "previous hash" of the first record. */
  static final String GENESIS = AuditRecordForm.GENESIS;

  /** The scheme of records keyed with the audit key. */
  static final String KEYED = AuditRecordForm.KEYED;

  /** The scheme of records written before the chain was keyed. */
  static final String UNKEYED = AuditRecordForm.UNKEYED;

  /** The action of the record that lists pseudonymised records and their digest. */
  static final String PSEUDONYMISED = AuditChainVerifier.PSEUDONYMISED;

  private final JdbcClient client;
  private final TransactionTemplate transaction;
  private final Json json;
  private final AuditRecordForm form;
  private final AuditRows rows;
  private final AuditChainer chainer;
  private final AuditChainVerifier verifier;

  JdbcAuditLog(
      JdbcClient client,
      TransactionTemplate transaction,
      Json json,
      AuditSealing sealing,
      AuditChaining chaining) {
    this.client = client;
    this.transaction = transaction;
    this.json = json;
    this.form = new AuditRecordForm(json, sealing);
    this.rows = new AuditRows(json);
    this.chainer = new AuditChainer(client, transaction, json, sealing, form, chaining);
    this.verifier = new AuditChainVerifier(client, sealing, form, json);
  }

  @Override
  public void append(AuditEvent event) {
    appendAll(List.of(event));
  }

  /**
   * One insert into the inbox of all the events, each with its canonical form but the sequence
   * ({@link AuditRecordForm#canonicalEvent}), from which the chainer extends the chain.
   */
  @Override
  public void appendAll(List<AuditEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    transaction.executeWithoutResult(
        status -> {
          AuditEventColumns columns = new AuditEventColumns(form, events.size());
          for (int index = 0; index < events.size(); index++) {
            columns.set(index, events.get(index));
          }
          // one statement, the events in their order (the inbox's ids order the chain)
          columns
              .bind(
                  client.sql(
                      "insert into audit_inbox (at, actor, action, subject, reason, outcome,"
                          + " details, canonical) select r.at::timestamptz, r.actor, r.action,"
                          + " r.subject, r.reason, r.outcome, r.details::jsonb, r.canonical"
                          + " from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
                          + " ?::text[], ?::text[], ?::text[]) with ordinality as r(at, actor,"
                          + " action, subject, reason, outcome, details, canonical, position)"
                          + " order by r.position"))
              .update();
          chainer.sealAfterCommit();
        });
  }

  /**
   * Lets the chainer's background thread finish and chains what is still waiting ({@link
   * AuditChainer#close}). Never throws.
   */
  @Override
  public void close() {
    chainer.close();
  }

  @Override
  public List<AuditRecord> recent(@Nullable String subjectContains, int limit) {
    return transaction.execute(
        status -> {
          chainer.sealAll();
          if (subjectContains == null) {
            return client
                .sql(AuditRows.SELECT + " order by sequence desc limit ?")
                .param(limit)
                .query(rows::record)
                .list();
          }
          return client
              .sql(
                  AuditRows.SELECT
                      + " where strpos(lower(subject), lower(?)) > 0 order by sequence desc limit ?")
              .param(subjectContains)
              .param(limit)
              .query(rows::record)
              .list();
        });
  }

  @Override
  public List<AuditRecord> search(AuditQuery query) {
    return transaction.execute(
        status -> {
          chainer.sealAll();
          List<String> conditions = new ArrayList<>();
          List<Object> values = new ArrayList<>();
          if (query.person() != null) {
            conditions.add("(subject = ? or details ->> 'owner' = ?)");
            values.add("identity " + query.person());
            values.add(query.person());
          }
          if (query.actor() != null) {
            conditions.add("strpos(lower(actor), lower(?)) > 0");
            values.add(query.actor());
          }
          if (query.action() != null) {
            conditions.add("starts_with(action, ?)");
            values.add(query.action());
          }
          if (query.from() != null) {
            conditions.add("at >= ?");
            values.add(java.time.OffsetDateTime.ofInstant(query.from(), java.time.ZoneOffset.UTC));
          }
          if (query.until() != null) {
            conditions.add("at < ?");
            values.add(java.time.OffsetDateTime.ofInstant(query.until(), java.time.ZoneOffset.UTC));
          }
          if (query.before() != null) {
            conditions.add("sequence < ?");
            values.add(query.before());
          }
          values.add(query.limit());
          String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
          return client
              .sql(AuditRows.SELECT + where + " order by sequence desc limit ?")
              .params(values)
              .query(rows::record)
              .list();
        });
  }

  @Override
  public List<AuditRecord> after(long sequence, int limit) {
    return transaction.execute(
        status -> {
          chainer.sealAll();
          return client
              .sql(AuditRows.SELECT + " where sequence > ? order by sequence limit ?")
              .param(sequence)
              .param(limit)
              .query(rows::record)
              .list();
        });
  }

  @Override
  public void pseudonymise(java.util.Map<Long, AuditEvent> replacements, AuditEvent record) {
    transaction.executeWithoutResult(
        status -> {
          chainer.sealAll();
          List<Long> sequences = new ArrayList<>(new java.util.TreeSet<>(replacements.keySet()));
          for (Long sequence : sequences) {
            AuditEvent replacement = replacements.get(sequence);
            int updated =
                client
                    .sql(
                        "update audit_events set actor = ?, subject = ?, reason = ?,"
                            + " details = ?::jsonb, pseudonymised = true"
                            + " where sequence = ? and not pseudonymised")
                    .param(replacement.actor())
                    .param(replacement.subject())
                    .param(replacement.reason())
                    .param(json.write(replacement.details()))
                    .param(sequence)
                    .update();
            if (updated != 1) {
              throw new IllegalStateException(
                  "audit record " + sequence + " is missing or pseudonymised already");
            }
          }
          java.util.Map<String, String> details = new java.util.TreeMap<>(record.details());
          details.put(
              "records",
              sequences.stream()
                  .map(String::valueOf)
                  .collect(java.util.stream.Collectors.joining(",")));
          details.put("digest", verifier.digest(sequences));
          append(
              new AuditEvent(
                  record.at(),
                  record.actor(),
                  PSEUDONYMISED,
                  record.subject(),
                  record.reason(),
                  record.outcome(),
                  details));
        });
  }

  @Override
  public AuditVerification verify() {
    return transaction.execute(
        status -> {
          chainer.sealAll();
          return verifier.verify();
        });
  }

  /** The hash of a record written before the chain was keyed: plain SHA-256. */
  String unkeyedHash(String previousHash, long sequence, AuditEvent event) {
    return form.unkeyedHash(previousHash, sequence, event);
  }

  /** The canonical serialisation of a record: fixed field order, details in key order. */
  String canonical(long sequence, AuditEvent event) {
    return form.canonical(sequence, event);
  }
}
