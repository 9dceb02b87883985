package io.tenure.engine.execution;

import java.time.Duration;

/**
 * How the queue workers of one process treat a target that is out (see {@link OperationWorkers}):
 * while its circuit breaker is open, the target is probed first {@code probeDelay} after the outage
 * began, then after twice as long each time, up to {@code maxProbeDelay} between probes. A plan run
 * to its end ({@link QueuedExecution}) stops waiting for a target that has been out for {@code
 * patience}: its operations stay queued, neither counted nor parked, for the next run or a serving
 * process.
 *
 * @param probeDelay how long after the outage began the first probe runs (positive)
 * @param maxProbeDelay the longest wait between two probes (at least {@code probeDelay})
 * @param patience how long a plan run waits for a target that is out before it returns
 */
public record OutageSettings(Duration probeDelay, Duration maxProbeDelay, Duration patience) {

  public OutageSettings {
    if (probeDelay.isNegative() || probeDelay.isZero()) {
      throw new IllegalArgumentException("probeDelay must be positive, not " + probeDelay);
    }
    if (maxProbeDelay.compareTo(probeDelay) < 0) {
      throw new IllegalArgumentException(
          "maxProbeDelay " + maxProbeDelay + " is below probeDelay " + probeDelay);
    }
    if (patience.isNegative()) {
      throw new IllegalArgumentException("patience must not be negative, not " + patience);
    }
  }

  /** First probe after one second, then at most every 30 seconds; a plan run waits ten minutes. */
  public static OutageSettings defaults() {
    return new OutageSettings(
        Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(10));
  }

  /**
   * The wait before the probe that follows one that found the target still out after {@code last}.
   */
  Duration nextProbeDelay(Duration last) {
    Duration doubled = last.multipliedBy(2);
    return doubled.compareTo(maxProbeDelay) > 0 ? maxProbeDelay : doubled;
  }
}
