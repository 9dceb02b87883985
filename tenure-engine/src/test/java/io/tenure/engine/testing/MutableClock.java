package io.tenure.engine.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until a test moves it. UTC. */
public final class MutableClock extends Clock {

  private Instant now;

  public MutableClock(Instant now) {
    this.now = now;
  }

  /** A clock at midnight UTC of that day. */
  public static MutableClock on(LocalDate day) {
    return new MutableClock(day.atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  public synchronized void advance(Duration duration) {
    now = now.plus(duration);
  }

  public synchronized void setDay(LocalDate day) {
    now = day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("tests use UTC");
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }
}
