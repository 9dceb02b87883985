package io.tenure.store;

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

/**
 * Moves committed audit events from {@code audit_inbox} into the hash chain of {@code audit_events}
 * ({@link JdbcAuditLog}), and writes a checkpoint of the chain's head outside the database after
 * every commit that extends it.
 *
 * <p>Once a transaction that appended events has committed, the waiting events are chained, in
 * inbox order, in one short transaction under a transaction-scoped advisory lock (one lock
 * acquisition for many events); when another appender holds the lock, it leaves its events to that
 * one, which looks for waiting events again after it let go. Readers chain whatever is waiting
 * first ({@link #sealAll}), under the lock, so they always see every committed event in the chain.
 *
 * <p>Who chains after a commit is given by {@link AuditChaining}: the committing thread itself
 * ({@link AuditChaining#AFTER_COMMIT}), or one background thread of the chainer ({@link
 * AuditChaining#IN_BACKGROUND}, the server's and the commands'), so that the committing thread (a
 * request, an import's next chunk) goes on as soon as its own transaction has committed instead of
 * chaining for everyone who committed meanwhile. Either way the events are durable from their own
 * commit (in the inbox), chained in inbox order by one holder of the lock at a time, and every
 * reader chains what is waiting first; {@link #close} chains what is left before the log is let go.
 */
final class AuditChainer implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(AuditChainer.class.getName());

  private static final long APPEND_LOCK = 0x7465_6e75_7265_0001L;

  /**
   * How many waiting events are chained per statement batch. Each batch reads the inbox from its
   * start (so that an event committed late with a lower id still comes before its writer's later
   * ones) and steps over the index entries of the events moved before it in the same transaction:
   * larger batches, fewer of those steps.
   */
  private static final int SEAL_BATCH = 2000;

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
  private final TransactionTemplate separateTransaction;
  private final AuditSealing sealing;
  private final AuditRecordForm form;
  private final AuditRows rows;

  AuditChainer(
      JdbcClient client,
      TransactionTemplate transaction,
      Json json,
      AuditSealing sealing,
      AuditRecordForm form,
      AuditChaining chaining) {
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
    this.separateTransaction = new TransactionTemplate(transaction.getTransactionManager());
    separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.sealing = sealing;
    this.form = form;
    this.rows = new AuditRows(json);
  }

  /**
   * Once the current transaction has committed, chains the waiting events ({@link #sealWaiting}).
   */
  void sealAfterCommit() {
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
  void sealAll() {
    client.sql("select pg_advisory_xact_lock(?)").param(APPEND_LOCK).query().singleRow();
    sealLocked();
    sealAfterCommit();
  }

  /**
   * Moves the waiting events into the chain, in inbox order; the caller holds the lock. Each
   * event's hash is taken over the canonical form written when it was appended (or, for an event
   * waiting from before that form was kept, the one computed from its columns); its columns move
   * from the inbox into {@code audit_events} in the database. One checkpoint of the new head is
   * written after the commit.
   */
  private void sealLocked() {
    String previous = null;
    long head = -1;
    AuditSealing.Hasher hasher = sealing.hasher();
    while (true) {
      List<Waiting> batch =
          client
              .sql(
                  "select id, canonical, case when canonical is null then at end as at,"
                      + " case when canonical is null then actor end as actor,"
                      + " case when canonical is null then action end as action,"
                      + " case when canonical is null then subject end as subject,"
                      + " case when canonical is null then reason end as reason,"
                      + " case when canonical is null then outcome end as outcome,"
                      + " case when canonical is null then details::text end as details"
                      + " from audit_inbox order by id limit ?")
              .param(SEAL_BATCH)
              .query(
                  (row, number) -> {
                    String canonical = row.getString("canonical");
                    return new Waiting(
                        row.getLong("id"),
                        canonical != null
                            ? canonical
                            : form.canonicalEvent(rows.event(row)).fields());
                  })
              .list();
      if (batch.isEmpty()) {
        break;
      }
      if (previous == null) {
        previous =
            client
                .sql("select hash from audit_events order by sequence desc limit 1")
                .query(String.class)
                .optional()
                .orElse(AuditRecordForm.GENESIS);
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
      Long[] ids = new Long[size];
      Long[] numbers = new Long[size];
      String[] previousHashes = new String[size];
      String[] hashes = new String[size];
      for (int index = 0; index < size; index++) {
        Waiting waiting = batch.get(index);
        long sequence = sequences.get(index);
        String hash =
            hasher.hash(previous, AuditRecordForm.withSequence(sequence, waiting.canonical()));
        ids[index] = waiting.id();
        numbers[index] = sequence;
        previousHashes[index] = previous;
        hashes[index] = hash;
        previous = hash;
      }
      // one statement for the batch: the events leave the inbox and enter the chain
      client
          .sql(
              "with moved as (delete from audit_inbox where id = any(?) returning id, at, actor,"
                  + " action, subject, reason, outcome, details)"
                  + " insert into audit_events (sequence, scheme, at, actor, action, subject,"
                  + " reason, outcome, details, previous_hash, hash)"
                  + " select r.sequence, ?, m.at, m.actor, m.action, m.subject, m.reason,"
                  + " m.outcome, m.details, r.previous_hash, r.hash"
                  + " from unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[])"
                  + " as r(id, sequence, previous_hash, hash) join moved m on m.id = r.id"
                  + " order by r.sequence")
          .param(ids)
          .param(AuditRecordForm.KEYED)
          .param(ids)
          .param(numbers)
          .param(previousHashes)
          .param(hashes)
          .update();
      head = sequences.get(sequences.size() - 1);
    }
    if (head >= 0) {
      checkpointAfterCommit(head, previous);
    }
  }

  /** A waiting event: its inbox id and its canonical form but the sequence. */
  private record Waiting(long id, String canonical) {}

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
}
