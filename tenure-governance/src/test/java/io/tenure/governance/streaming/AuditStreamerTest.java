package io.tenure.governance.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditRecord;
import io.tenure.engine.testing.CountingTransactions;
import io.tenure.engine.testing.InMemoryAuditLog;
import io.tenure.engine.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditStreamerTest {

  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final MemoryCursors cursors = new MemoryCursors();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final Receiver syslog = new Receiver("syslog");
  private final Receiver webhook = new Receiver("webhook");

  @Test
  void everyRecordReachesEverySinkOnceInSequenceOrder() {
    append(3);
    AuditStreamer streamer = streamer();

    assertThat(streamer.deliver()).isEqualTo(6);
    assertThat(streamer.deliver()).isZero();
    append(1);
    assertThat(streamer.deliver()).isEqualTo(2);

    assertThat(syslog.taken).containsExactly(1L, 2L, 3L, 4L);
    assertThat(webhook.taken).containsExactly(1L, 2L, 3L, 4L);
    assertThat(cursors.positions).containsEntry("syslog", 4L).containsEntry("webhook", 4L);
  }

  @Test
  void aReceiverThatIsDownLosesNothingAndHoldsOnlyItsOwnSink() {
    append(2);
    syslog.down = true;
    AuditStreamer streamer = streamer();

    assertThat(streamer.deliver()).isEqualTo(2);
    assertThat(syslog.taken).isEmpty();
    assertThat(webhook.taken).containsExactly(1L, 2L);
    assertThat(cursors.errors.get("syslog")).contains("down");

    append(2);
    syslog.down = false;
    streamer.deliver();
    assertThat(syslog.taken).as("backing off: not tried before a second has passed").isEmpty();
    clock.advance(Duration.ofSeconds(1));
    streamer.deliver();
    assertThat(syslog.taken).containsExactly(1L, 2L, 3L, 4L);
    assertThat(webhook.taken).containsExactly(1L, 2L, 3L, 4L);
    assertThat(cursors.errors).doesNotContainKey("syslog");
  }

  @Test
  void theBackoffDoublesWhileTheReceiverStaysDown() {
    append(1);
    syslog.down = true;
    AuditStreamer streamer =
        new AuditStreamer(audit, cursors, new CountingTransactions(), clock, List.of(syslog));
    streamer.deliver();
    clock.advance(Duration.ofSeconds(1));
    streamer.deliver();
    assertThat(syslog.attempts).isEqualTo(2);
    clock.advance(Duration.ofSeconds(1));
    streamer.deliver();
    assertThat(syslog.attempts).as("the second wait is two seconds").isEqualTo(2);
    clock.advance(Duration.ofSeconds(1));
    streamer.deliver();
    assertThat(syslog.attempts).isEqualTo(3);
  }

  @Test
  void aNewStreamerResumesAfterTheCursorAsARestartWould() {
    append(2);
    streamer().deliver();
    append(2);

    AuditStreamer restarted = streamer();
    restarted.deliver();

    assertThat(syslog.taken).containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  void aSinkLockedByAnotherProcessIsLeftToIt() {
    append(2);
    cursors.busy.add("syslog");
    streamer().deliver();
    assertThat(syslog.taken).isEmpty();
    assertThat(webhook.taken).containsExactly(1L, 2L);
  }

  private AuditStreamer streamer() {
    return new AuditStreamer(
        audit, cursors, new CountingTransactions(), clock, List.of(syslog, webhook));
  }

  private void append(int count) {
    for (int index = 0; index < count; index++) {
      audit.append(
          new AuditEvent(
              clock.instant(), "test", "test.event", "subject", "because", "success", Map.of()));
    }
  }

  private static final class Receiver implements AuditSink {
    final String name;
    final List<Long> taken = new ArrayList<>();
    boolean down;
    int attempts;

    Receiver(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void send(AuditRecord record) {
      attempts++;
      if (down) {
        throw new DeliveryException(name + " is down");
      }
      taken.add(record.sequence());
    }
  }

  private static final class MemoryCursors implements StreamCursors {
    final Map<String, Long> positions = new HashMap<>();
    final Map<String, String> errors = new HashMap<>();
    final Set<String> busy = new java.util.HashSet<>();

    @Override
    public OptionalLong lock(String sink, long start) {
      if (busy.contains(sink)) {
        return OptionalLong.empty();
      }
      return OptionalLong.of(positions.computeIfAbsent(sink, key -> start));
    }

    @Override
    public void advance(String sink, long sequence, Instant at) {
      positions.put(sink, sequence);
      errors.remove(sink);
    }

    @Override
    public void failed(String sink, String error, Instant at) {
      errors.put(sink, error);
    }

    @Override
    public List<Cursor> cursors() {
      return List.of();
    }
  }
}
