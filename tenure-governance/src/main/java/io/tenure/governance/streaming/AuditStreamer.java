package io.tenure.governance.streaming;

import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.audit.AuditRecord;
import io.tenure.engine.store.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Sends the audit trail to each sink in sequence order, each sink after its own durable cursor. One
 * record per transaction: the cursor is locked (another process delivering to that sink makes this
 * one skip it), the record is sent, the cursor advanced, and the transaction commits. A receiver
 * that is down stops that sink's delivery until its next attempt (backoff doubling from one second
 * to a minute, by the injected clock); its cursor stays where it was, so nothing is lost, and a
 * restart resumes after the last record taken, so nothing is sent twice. Only a process killed
 * between a receiver taking a record and the commit of its cursor sends that one record again; each
 * record carries its sequence number so that a receiver can recognise it.
 */
public final class AuditStreamer implements AutoCloseable {

  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  static final Duration LONGEST_BACKOFF = Duration.ofMinutes(1);

  private final AuditLog audit;
  private final StreamCursors cursors;
  private final Transactions transactions;
  private final Clock clock;
  private final List<AuditSink> sinks;
  private final Map<String, Backoff> backoffs = new HashMap<>();

  private record Backoff(Instant until, Duration delay) {}

  private enum Step {
    SENT,
    DONE,
    FAILED,
    BUSY
  }

  public AuditStreamer(
      AuditLog audit,
      StreamCursors cursors,
      Transactions transactions,
      Clock clock,
      List<AuditSink> sinks) {
    this.audit = audit;
    this.cursors = cursors;
    this.transactions = transactions;
    this.clock = clock;
    this.sinks = List.copyOf(sinks);
  }

  /** The sinks, in the order they are served. */
  public List<AuditSink> sinks() {
    return sinks;
  }

  /**
   * Sends every record the sinks have not taken yet, sink by sink, until each is up to date, down
   * or busy elsewhere.
   *
   * @return how many records were sent, over all sinks
   */
  public synchronized int deliver() {
    int sent = 0;
    for (AuditSink sink : sinks) {
      Backoff backoff = backoffs.get(sink.name());
      if (backoff != null && clock.instant().isBefore(backoff.until())) {
        continue;
      }
      while (true) {
        Step step = transactions.inTransaction(() -> deliverOne(sink));
        if (step == Step.SENT) {
          sent++;
          backoffs.remove(sink.name());
          continue;
        }
        if (step == Step.FAILED) {
          Duration delay =
              backoff == null
                  ? FIRST_BACKOFF
                  : min(backoff.delay().multipliedBy(2), LONGEST_BACKOFF);
          backoffs.put(sink.name(), new Backoff(clock.instant().plus(delay), delay));
        }
        break;
      }
    }
    return sent;
  }

  private Step deliverOne(AuditSink sink) {
    OptionalLong cursor = cursors.lock(sink.name(), 0);
    if (cursor.isEmpty()) {
      return Step.BUSY;
    }
    List<AuditRecord> next = audit.after(cursor.getAsLong(), 1);
    if (next.isEmpty()) {
      return Step.DONE;
    }
    AuditRecord record = next.get(0);
    try {
      sink.send(record);
    } catch (RuntimeException e) {
      sink.close();
      cursors.failed(sink.name(), oneLine(e), clock.instant());
      return Step.FAILED;
    }
    cursors.advance(sink.name(), record.sequence(), clock.instant());
    return Step.SENT;
  }

  private static String oneLine(Throwable error) {
    String message =
        error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    return message.replaceAll("\\s+", " ");
  }

  private static Duration min(Duration one, Duration other) {
    return one.compareTo(other) <= 0 ? one : other;
  }

  /** Closes every sink's connection. */
  @Override
  public void close() {
    sinks.forEach(AuditSink::close);
  }
}
