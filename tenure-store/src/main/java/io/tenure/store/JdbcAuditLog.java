package io.tenure.store;

import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.audit.AuditQuery;
import io.tenure.engine.audit.AuditRecord;
import io.tenure.engine.audit.AuditVerification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The audit log in {@code audit_events}: append-only (a trigger rejects UPDATE, DELETE and
 * TRUNCATE) and hash-chained under a key kept outside the database ({@link AuditSealing}). Each
 * record's hash is the HMAC-SHA256 of the previous record's hash, a newline, and the canonical JSON
 * of the record (sequence, at, actor, action, subject, reason, outcome, details in key order);
 * records written before the chain was keyed keep their plain SHA-256 ({@code scheme} {@code
 * sha256}) and no such record may follow a keyed one. After every commit that extends the chain, a
 * checkpoint of its head is written outside the database; {@link #verify} checks the chain against
 * it, so that deleting the newest records is seen.
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
 *
 * <p>Who chains after a commit is the log's {@link AuditChaining}: the committing thread itself
 * ({@link AuditChaining#AFTER_COMMIT}, for commands), or one background thread of the log ({@link
 * AuditChaining#IN_BACKGROUND}, for the server), so that the committing thread (a request) goes on
 * as soon as its own transaction has committed instead of chaining for everyone who committed
 * meanwhile. Either way the events are durable from their own commit (in the inbox), chained in
 * inbox order by one holder of the lock at a time, and every reader chains what is waiting first;
 * {@link #close} chains what is left before the log is let go.
 */
final class JdbcAuditLog implements AuditLog, AutoCloseable {

  private static final System.Logger LOG = System.getLogger(JdbcAuditLog.class.getName());

  /** The "previous hash" of the first record. */
  static final String GENESIS = "0".repeat(64);

  private static final long APPEND_LOCK = 0x7465_6e75_7265_0001L;
  private static final int VERIFY_PAGE = 1000;
  private static final String SELECT =
      "select sequence, at, actor, action, subject, reason, outcome, details::text as details,"
          + " previous_hash, hash, scheme from audit_events";

  /** The scheme of records keyed with the audit key. */
  static final String KEYED = "hmac-sha256";

  /** The scheme of records written before the chain was keyed. */
  static final String UNKEYED = "sha256";

  /** How many waiting events are chained per statement batch. */
  private static final int SEAL_BATCH = 500;

  /** Marks a transaction whose commit is followed by chaining its events. */
  private final Object sealAfterCommit = new Object();

  /** Whether a thread of this process is chaining waiting events now. */
  private final AtomicBoolean chaining = new AtomicBoolean();

  /** Whether events were committed since the sealing thread last looked. */
  private final AtomicBoolean sealAgain = new AtomicBoolean();

  /** Whether a chaining task is queued on the background thread and has not started yet. */
  private final AtomicBoolean scheduled = new AtomicBoolean();

  /** The thread that chains after commits ({@link AuditChaining#IN_BACKGROUND}), or null. */
  private final @Nullable ExecutorService background;

  private final JdbcClient client;
  private final TransactionTemplate transaction;
  private final TransactionTemplate separateTransaction;
  private final Json json;
  private final AuditSealing sealing;

  JdbcAuditLog(
      JdbcClient client,
      TransactionTemplate transaction,
      Json json,
      AuditSealing sealing,
      AuditChaining chaining) {
    this.sealing = sealing;
    this.background =
        chaining == AuditChaining.IN_BACKGROUND
            ? Executors.newSingleThreadExecutor(
                task -> {
                  Thread thread = new Thread(task, "tenure-audit-chainer");
                  thread.setDaemon(true);
                  return thread;
                })
            : null;
    this.client = client;
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

  /** One insert into the inbox of all the events. */
  @Override
  public void appendAll(List<AuditEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    transaction.executeWithoutResult(
        status -> {
          EventColumns columns = new EventColumns(events.size());
          for (int index = 0; index < events.size(); index++) {
            columns.set(index, events.get(index));
          }
          // one statement, the events in their order (the inbox's ids order the chain)
          columns
              .bind(
                  client.sql(
                      "insert into audit_inbox (at, actor, action, subject, reason, outcome, details)"
                          + " select r.at::timestamptz, r.actor, r.action, r.subject, r.reason,"
                          + " r.outcome, r.details::jsonb from unnest(?::text[], ?::text[], ?::text[],"
                          + " ?::text[], ?::text[], ?::text[], ?::text[]) with ordinality as r(at, actor,"
                          + " action, subject, reason, outcome, details, position) order by r.position"))
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
              chainCommitted();
            }
          }
        });
  }

  /**
   * After a commit that appended events: chains them on this thread, or has the background thread
   * chain them (one queued task at a time: a commit while one is queued is seen by it, and one
   * while it runs sets {@code sealAgain}, which its loop looks at before it ends).
   */
  private void chainCommitted() {
    if (background == null) {
      sealWaiting();
      return;
    }
    sealAgain.set(true);
    if (!scheduled.compareAndSet(false, true)) {
      return;
    }
    try {
      background.execute(
          () -> {
            scheduled.set(false);
            sealWaiting();
          });
    } catch (RejectedExecutionException closed) {
      // the log is closing: this thread chains
      scheduled.set(false);
      sealWaiting();
    }
  }

  /**
   * With a background thread: lets it finish (at most {@code 10 s}) and chains whatever is still
   * waiting on this thread; later commits chain on their own thread. Without one, nothing (each
   * commit chained before it went on). Never throws: events left waiting stay in the inbox and are
   * chained by the next append or read, here or in another process.
   */
  @Override
  public void close() {
    if (background == null) {
      return;
    }
    background.shutdown();
    try {
      if (!background.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.log(System.Logger.Level.WARNING, "the audit chainer did not finish within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sealWaiting();
  }

  /**
   * Chains the waiting events unless another thread of this process is doing so: that one chains
   * again once it is done, for the events committed meanwhile ({@code sealAgain} is set before the
   * attempt to become the sealer, so no commit is missed). Concurrent recording transactions (the
   * queue's workers) so share one chaining loop, in batches, instead of each asking for the lock.
   */
  private void sealWaiting() {
    sealAgain.set(true);
    while (sealAgain.get() && chaining.compareAndSet(false, true)) {
      boolean locked;
      try {
        sealAgain.set(false);
        locked = sealWaitingNow();
      } finally {
        chaining.set(false);
      }
      if (!locked) {
        // another process holds the chain's lock: it looks for waiting events after letting go
        return;
      }
    }
  }

  /**
   * Chains the waiting events unless another appender is doing so; whoever held the lock looks
   * again after letting go, so no committed event is left waiting once appends stop. Never throws:
   * events left waiting are chained by the next append or read.
   *
   * @return false when another appender held the lock (it chains what is waiting)
   */
  private boolean sealWaitingNow() {
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
          return false;
        }
        Boolean waiting =
            separateTransaction.execute(
                status ->
                    client
                        .sql("select exists (select 1 from audit_inbox)")
                        .query(Boolean.class)
                        .single());
        if (!Boolean.TRUE.equals(waiting)) {
          return true;
        }
      }
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "could not chain the waiting audit events now; the next append or read does",
          e);
      return false;
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
      int size = batch.size();
      Long[] numbers = new Long[size];
      String[] previousHashes = new String[size];
      String[] hashes = new String[size];
      EventColumns columns = new EventColumns(size);
      for (int index = 0; index < size; index++) {
        AuditEvent event = batch.get(index).event();
        long sequence = sequences.get(index);
        String hash = sealing.hash(previous, canonical(sequence, event));
        numbers[index] = sequence;
        columns.set(index, event);
        previousHashes[index] = previous;
        hashes[index] = hash;
        previous = hash;
      }
      // one statement for the batch: one array per column
      columns
          .bind(
              client
                  .sql(
                      "insert into audit_events (sequence, scheme, at, actor, action, subject,"
                          + " reason, outcome, details, previous_hash, hash)"
                          + " select r.sequence, ?, r.at::timestamptz, r.actor, r.action,"
                          + " r.subject, r.reason, r.outcome, r.details::jsonb,"
                          + " r.previous_hash, r.hash"
                          + " from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[],"
                          + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) as r(sequence,"
                          + " at, actor, action, subject, reason, outcome, details, previous_hash,"
                          + " hash) order by r.sequence")
                  .param(KEYED)
                  .param(numbers))
          .param(previousHashes)
          .param(hashes)
          .update();
      checkpointAfterCommit(sequences.get(sequences.size() - 1), previous);
      client
          .sql("delete from audit_inbox where id = any(?)")
          .param(batch.stream().map(Waiting::id).toArray(Long[]::new))
          .update();
    }
  }

  private record Waiting(long id, AuditEvent event) {}

  /**
   * The columns of many audit events as one array each (time, actor, action, subject, reason,
   * outcome, details), for an insert of them all in one statement.
   */
  private final class EventColumns {

    private final String[] times;
    private final String[] actors;
    private final String[] actions;
    private final String[] subjects;
    private final String[] reasons;
    private final String[] outcomes;
    private final String[] details;

    EventColumns(int size) {
      times = new String[size];
      actors = new String[size];
      actions = new String[size];
      subjects = new String[size];
      reasons = new String[size];
      outcomes = new String[size];
      details = new String[size];
    }

    void set(int index, AuditEvent event) {
      times[index] = String.valueOf(Timestamps.bind(event.at()));
      actors[index] = event.actor();
      actions[index] = event.action();
      subjects[index] = event.subject();
      reasons[index] = event.reason();
      outcomes[index] = event.outcome();
      details[index] = json.write(event.details());
    }

    /** Binds the seven arrays, in that order, as the statement's next parameters. */
    JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
      return statement
          .param(times)
          .param(actors)
          .param(actions)
          .param(subjects)
          .param(reasons)
          .param(outcomes)
          .param(details);
    }
  }

  /** Once the current transaction has committed, writes a checkpoint of the chain's head. */
  private void checkpointAfterCommit(long sequence, String hash) {
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCompletion(int status) {
            if (status == STATUS_COMMITTED) {
              try {
                sealing.checkpoint(sequence, hash);
              } catch (java.io.IOException | RuntimeException e) {
                LOG.log(
                    System.Logger.Level.WARNING,
                    "could not write the audit checkpoint of record " + sequence,
                    e);
              }
            }
          }
        });
  }

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
  public List<AuditRecord> search(AuditQuery query) {
    return transaction.execute(
        status -> {
          sealAll();
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
              .sql(SELECT + where + " order by sequence desc limit ?")
              .params(values)
              .query(this::map)
              .list();
        });
  }

  @Override
  public List<AuditRecord> after(long sequence, int limit) {
    return transaction.execute(
        status -> {
          sealAll();
          return client
              .sql(SELECT + " where sequence > ? order by sequence limit ?")
              .param(sequence)
              .param(limit)
              .query(this::map)
              .list();
        });
  }

  /** The action of the record that lists pseudonymised records and their digest. */
  static final String PSEUDONYMISED = "audit.pseudonymised";

  @Override
  public void pseudonymise(java.util.Map<Long, AuditEvent> replacements, AuditEvent record) {
    transaction.executeWithoutResult(
        status -> {
          sealAll();
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
          details.put("digest", digest(sequences));
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

  /** The keyed digest of the current content of these records, in sequence order. */
  private String digest(List<Long> sequences) {
    StringBuilder content = new StringBuilder();
    for (int from = 0; from < sequences.size(); from += VERIFY_PAGE) {
      List<Long> page = sequences.subList(from, Math.min(sequences.size(), from + VERIFY_PAGE));
      client
          .sql(SELECT + " where sequence in (:sequences) order by sequence")
          .param("sequences", page)
          .query(this::map)
          .list()
          .forEach(row -> content.append(canonical(row.sequence(), row.event())).append('\n'));
    }
    return sealing.hash(GENESIS, content.toString());
  }

  /**
   * Every pseudonymised record must be listed by a keyed {@code audit.pseudonymised} record whose
   * digest matches their current content.
   */
  private void checkPseudonymised(
      java.util.Set<Long> pseudonymised,
      List<java.util.Map<String, String>> claims,
      List<String> problems) {
    java.util.Set<Long> listed = new java.util.TreeSet<>();
    for (java.util.Map<String, String> claim : claims) {
      String records = claim.getOrDefault("records", "");
      List<Long> sequences =
          records.isEmpty()
              ? List.of()
              : java.util.Arrays.stream(records.split(",")).map(Long::valueOf).toList();
      listed.addAll(sequences);
      if (!digest(sequences).equals(claim.get("digest"))) {
        problems.add(
            "pseudonymised records "
                + records
                + " were changed after they were pseudonymised (their digest does not hold)");
      }
    }
    for (Long sequence : pseudonymised) {
      if (!listed.contains(sequence)) {
        problems.add(
            "record "
                + sequence
                + " is marked pseudonymised but no audit.pseudonymised record lists it");
      }
    }
  }

  @Override
  public AuditVerification verify() {
    return transaction.execute(
        status -> {
          sealAll();
          List<String> problems = new ArrayList<>();
          AuditSealing.Checkpoint checkpoint = null;
          try {
            checkpoint = sealing.readCheckpoint().orElse(null);
          } catch (IllegalStateException e) {
            problems.add(e.getMessage());
          }
          return verifyChain(checkpoint, problems);
        });
  }

  private AuditVerification verifyChain(
      AuditSealing.@Nullable Checkpoint checkpoint, List<String> problems) {
    String previous = GENESIS;
    long after = 0;
    long records = 0;
    long firstBroken = -1;
    boolean keyedSeen = false;
    boolean checkpointSeen = false;
    java.util.Set<Long> pseudonymised = new java.util.TreeSet<>();
    List<java.util.Map<String, String>> claims = new ArrayList<>();
    while (firstBroken < 0) {
      List<StoredRow> page =
          client
              .sql(
                  SELECT.replace(" from audit_events", ", pseudonymised from audit_events")
                      + " where sequence > ? order by sequence limit ?")
              .param(after)
              .param(VERIFY_PAGE)
              .query(
                  (row, number) ->
                      new StoredRow(
                          map(row, number),
                          row.getString("previous_hash"),
                          row.getString("scheme"),
                          row.getBoolean("pseudonymised")))
              .list();
      if (page.isEmpty()) {
        break;
      }
      for (StoredRow stored : page) {
        AuditRecord record = stored.record();
        records++;
        boolean keyed = stored.scheme().equals(KEYED);
        String expected =
            stored.pseudonymised()
                ? record.hash()
                : keyed
                    ? sealing.hash(previous, canonical(record.sequence(), record.event()))
                    : unkeyedHash(previous, record.sequence(), record.event());
        if (stored.pseudonymised()) {
          pseudonymised.add(record.sequence());
        }
        if (record.event().action().equals(PSEUDONYMISED) && keyed) {
          claims.add(record.event().details());
        }
        if (!stored.previousHash().equals(previous) || !expected.equals(record.hash())) {
          firstBroken = record.sequence();
          problems.add(
              "record "
                  + record.sequence()
                  + " does not hold: its content, its link or its keyed hash was changed");
          break;
        }
        if (!keyed && keyedSeen) {
          firstBroken = record.sequence();
          problems.add("record " + record.sequence() + " is unkeyed after keyed records");
          break;
        }
        keyedSeen |= keyed;
        if (checkpoint != null && record.sequence() == checkpoint.sequence()) {
          checkpointSeen = true;
          if (!record.hash().equals(checkpoint.hash())) {
            problems.add(
                "record "
                    + record.sequence()
                    + " differs from the checkpoint written outside the database");
          }
        }
        previous = record.hash();
        after = record.sequence();
      }
    }
    if (firstBroken < 0) {
      checkPseudonymised(pseudonymised, claims, problems);
    }
    if (checkpoint != null && firstBroken < 0 && !checkpointSeen) {
      problems.add(
          "the chain ends at record "
              + after
              + " but a checkpoint of record "
              + checkpoint.sequence()
              + " was written outside the database: newer records were deleted");
    }
    return new AuditVerification(
        records, firstBroken, checkpoint == null ? null : checkpoint.sequence(), problems);
  }

  private record StoredRow(
      AuditRecord record, String previousHash, String scheme, boolean pseudonymised) {}

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

  /** The hash of a record written before the chain was keyed: plain SHA-256. */
  String unkeyedHash(String previousHash, long sequence, AuditEvent event) {
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
