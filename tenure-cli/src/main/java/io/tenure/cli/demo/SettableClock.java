package io.tenure.cli.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A UTC clock whose current instant is set by the story: each step happens on its own day. Reads
 * are thread-safe.
 */
public final class SettableClock extends Clock {

  private final AtomicReference<Instant> now;

  public SettableClock(Instant start) {
    now = new AtomicReference<>(start);
  }

  /** Moves the clock to 08:00 UTC of the day. */
  public void setDate(LocalDate date) {
    now.set(date.atTime(8, 0).toInstant(ZoneOffset.UTC));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.fixed(now.get(), zone);
  }

  @Override
  public Instant instant() {
    return now.get();
  }
}
