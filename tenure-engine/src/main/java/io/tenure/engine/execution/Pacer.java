package io.tenure.engine.execution;

/** Spaces starts of one target's operations evenly: at most one per interval. */
final class Pacer {
  private final double intervalMillis;
  private double next;

  Pacer(double intervalMillis) {
    this.intervalMillis = intervalMillis;
  }

  /** Reserves the next start slot; returns how many milliseconds to wait for it. */
  synchronized long reserve(long nowMillis) {
    double slot = Math.max(nowMillis, next);
    next = slot + intervalMillis;
    return (long) Math.ceil(slot - nowMillis);
  }
}
