package io.tenure.engine.execution;

import java.time.Duration;

/**
 * How the durable queue's workers behave in one process.
 *
 * @param retry backoff and attempts for retryable failures
 * @param lease how long a claim holds unless renewed; renewed every third of it while the operation
 *     runs, so a crashed worker's operations are claimable again after at most this long
 * @param workers threads running operations (per process, shared by every target)
 * @param pollInterval how long an idle dispatcher waits before looking for work again
 * @param outage how a target that is out is probed, and how long a plan run waits for it
 */
public record QueueSettings(
    RetryPolicy retry, Duration lease, int workers, Duration pollInterval, OutageSettings outage) {

  public QueueSettings {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, not " + workers);
    }
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("the claim lease must be positive, not " + lease);
    }
  }

  /** Settings with the {@linkplain OutageSettings#defaults() default outage handling}. */
  public QueueSettings(RetryPolicy retry, Duration lease, int workers, Duration pollInterval) {
    this(retry, lease, workers, pollInterval, OutageSettings.defaults());
  }

  /** How often running workers renew their claims' leases: a third of the lease. */
  public Duration heartbeatInterval() {
    Duration third = lease.dividedBy(3);
    return third.toMillis() < 1 ? Duration.ofMillis(1) : third;
  }

  /**
   * Default retries, one minute leases, eight workers, polling every 200 ms, default outage
   * handling.
   */
  public static QueueSettings defaults() {
    return new QueueSettings(
        RetryPolicy.defaults(), Duration.ofMinutes(1), 8, Duration.ofMillis(200));
  }

  public QueueSettings withRetry(RetryPolicy newRetry) {
    return new QueueSettings(newRetry, lease, workers, pollInterval, outage);
  }

  public QueueSettings withLease(Duration newLease) {
    return new QueueSettings(retry, newLease, workers, pollInterval, outage);
  }

  public QueueSettings withWorkers(int newWorkers) {
    return new QueueSettings(retry, lease, newWorkers, pollInterval, outage);
  }

  public QueueSettings withPollInterval(Duration newPollInterval) {
    return new QueueSettings(retry, lease, workers, newPollInterval, outage);
  }

  public QueueSettings withOutage(OutageSettings newOutage) {
    return new QueueSettings(retry, lease, workers, pollInterval, newOutage);
  }
}
