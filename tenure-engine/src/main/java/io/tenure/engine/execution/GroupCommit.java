package io.tenure.engine.execution;

import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.store.Transactions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Group commit for the recording transactions of concurrent queue workers: the recordings that
 * threads submit while another thread's group is being written wait for it, and are then written
 * together, many in one transaction and one commit (one sync of the store's log), their audit
 * events appended as one batch.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #record} returns only after the recording's transaction committed, with what the
 *       recording returned; or throws what made the recording fail (then nothing of it was kept).
 *   <li>A group commits or rolls back as a whole. When a group's transaction fails, each of its
 *       recordings is written again alone, in its own transaction, so that one recording's failure
 *       never costs the others their outcome; a recording may therefore run twice, the first run
 *       rolled back (recordings must not keep state outside the store that a rollback would leave
 *       wrong).
 *   <li>Recordings run in submission order within a group, on the thread that writes the group (the
 *       leader): a recording must not depend on its own thread. The calling thread must not be in a
 *       transaction of its own (the recording would not join it).
 *   <li>At most {@link #maxGroup()} recordings per group; no recording waits for a group that is
 *       not yet being written (no timer: a lone recording is written at once).
 * </ul>
 */
final class GroupCommit {

  /** The default upper bound of recordings written in one transaction. */
  static final int DEFAULT_MAX_GROUP = 64;

  /**
   * The default number of groups written at once (each in its own transaction, on its own
   * connection).
   */
  static final int DEFAULT_MAX_WRITERS = 4;

  /**
   * One operation's recording: its writes to the store (in the group's transaction) and the audit
   * events it adds to {@code events}, which are appended after the group's recordings ran, in the
   * same transaction.
   */
  interface Recording<T> {
    T write(List<AuditEvent> events);
  }

  private final Transactions transactions;
  private final AuditLog audit;
  private final int maxGroup;
  private final Deque<Pending<?>> waiting = new ArrayDeque<>();
  private final int maxWriters;
  private int writers;
  private long groups;

  /**
   * @param maxGroup the most recordings in one transaction
   * @param maxWriters the most groups written at once (each by its own thread, in its own
   *     transaction); a writer counts until its group commits, not while it goes on with the
   *     store's work after the commit (chaining the audit events it appended), so that the next
   *     group is written meanwhile
   */
  GroupCommit(Transactions transactions, AuditLog audit, int maxGroup, int maxWriters) {
    if (maxGroup < 1) {
      throw new IllegalArgumentException("a group holds at least one recording, not " + maxGroup);
    }
    if (maxWriters < 1) {
      throw new IllegalArgumentException("at least one writer, not " + maxWriters);
    }
    this.transactions = transactions;
    this.audit = audit;
    this.maxGroup = maxGroup;
    this.maxWriters = maxWriters;
  }

  int maxGroup() {
    return maxGroup;
  }

  /** How many recordings wait for a writer (not counting the groups being written). */
  synchronized int waiting() {
    return waiting.size();
  }

  /** How many group transactions were written so far (each recording alone counts as one too). */
  synchronized long groups() {
    return groups;
  }

  /**
   * Writes the recording in a transaction shared with the recordings other threads submit
   * meanwhile, and returns its result once that transaction committed.
   *
   * @throws RuntimeException what made the recording fail when written alone
   */
  <T> T record(Recording<T> recording) {
    Pending<T> pending = new Pending<>(recording);
    synchronized (this) {
      waiting.addLast(pending);
    }
    boolean interrupted = false;
    try {
      while (true) {
        Group group = new Group();
        synchronized (this) {
          // the recording is queued: whoever writes next may write it, so wait even if interrupted
          while (!pending.done && (writers >= maxWriters || !waiting.contains(pending))) {
            try {
              wait();
            } catch (InterruptedException e) {
              interrupted = true;
            }
          }
          if (pending.done) {
            return pending.result();
          }
          writers++;
          while (!waiting.isEmpty() && group.members.size() < maxGroup) {
            group.members.add(waiting.removeFirst());
          }
        }
        try {
          write(group);
        } finally {
          finish(group);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Ends a group once it has committed (as soon as it has, before the store's own work after the
   * commit) or once its recordings were written one by one: its callers return and the next writer
   * may start. Once per group.
   */
  private synchronized void finish(Group group) {
    if (group.finished) {
      return;
    }
    group.finished = true;
    for (Pending<?> each : group.members) {
      each.done = true;
    }
    writers--;
    notifyAll();
  }

  /**
   * The group in one transaction, finished as soon as it committed; when that fails and it held
   * more than one, each alone (the group finished once all were written).
   */
  private void write(Group group) {
    List<Pending<?>> members = group.members;
    Runnable committed =
        () -> {
          count();
          finish(group);
        };
    if (members.size() == 1) {
      writeAlone(members.get(0), committed);
      return;
    }
    try {
      transactions.inTransaction(
          () -> {
            List<AuditEvent> events = new ArrayList<>();
            for (Pending<?> each : members) {
              each.writeInto(events);
            }
            audit.appendAll(events);
            return null;
          },
          committed);
      return;
    } catch (RuntimeException groupFailed) {
      if (group.finished) {
        // committed: what failed came after the commit
        return;
      }
      for (Pending<?> each : members) {
        each.forget();
      }
    }
    for (Pending<?> each : members) {
      writeAlone(each, this::count);
    }
  }

  /** One recording in its own transaction; its failure is kept for its caller. */
  private void writeAlone(Pending<?> pending, Runnable committed) {
    AtomicBoolean done = new AtomicBoolean();
    try {
      transactions.inTransaction(
          () -> {
            List<AuditEvent> events = new ArrayList<>();
            pending.writeInto(events);
            audit.appendAll(events);
            return null;
          },
          () -> {
            done.set(true);
            committed.run();
          });
    } catch (RuntimeException failed) {
      if (!done.get()) {
        pending.forget();
        pending.failure = failed;
      }
    }
  }

  private synchronized void count() {
    groups++;
  }

  /** The recordings one writer writes together. */
  private static final class Group {
    private final List<Pending<?>> members = new ArrayList<>();
    private boolean finished;
  }

  /** A submitted recording and, once written, its result or failure. */
  private static final class Pending<T> {
    private final Recording<T> recording;
    private T value;
    private RuntimeException failure;
    private boolean done;

    Pending(Recording<T> recording) {
      this.recording = recording;
    }

    void writeInto(List<AuditEvent> events) {
      value = recording.write(events);
    }

    void forget() {
      value = null;
    }

    T result() {
      if (failure != null) {
        throw failure;
      }
      return value;
    }
  }
}
