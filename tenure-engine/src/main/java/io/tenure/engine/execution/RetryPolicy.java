package io.tenure.engine.execution;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a retryable failure is tried again: exponential backoff with full jitter, bounded by how
 * long the operation has been failing. After the {@code n}th failed attempt the next one waits a
 * random time between zero and {@code min(maxDelay, baseDelay * 2^(n-1))}. The operation is parked
 * when it fails after it has been failing for {@code maxAge} (counted from the start of its first
 * counted attempt, {@link OperationQueue#firstAttemptAt}), or when it has failed {@code
 * maxAttempts} times, whichever comes first.
 *
 * <p>A target's outage costs no attempt (see {@link OperationWorkers}), so what this policy bounds
 * is an operation that fails retryably while its target answers: throttling ({@code BUSY}), or a
 * connection failure that a probe of the target does not confirm. With the defaults (1 s base, 1 h
 * cap, 100 attempts, one day) the expected wait reaches 30 minutes after 13 failures (about 34
 * minutes of failing), so 100 attempts take about 44 hours on average: {@code maxAge} is the bound
 * that applies (about 60 attempts in a day), and {@code maxAttempts} only stops a runaway, such as
 * a zero base delay.
 *
 * @param baseDelay the ceiling of the first wait
 * @param maxDelay the largest ceiling
 * @param maxAttempts how many failed attempts park an operation at the latest (at least 1)
 * @param maxAge how long an operation may keep failing before a failure parks it (positive)
 */
public record RetryPolicy(Duration baseDelay, Duration maxDelay, int maxAttempts, Duration maxAge) {

  /** How long an operation may keep failing by default: one day. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(1);

  public RetryPolicy {
    if (baseDelay.isNegative() || maxDelay.isNegative()) {
      throw new IllegalArgumentException("retry delays must not be negative");
    }
    if (maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException(
          "the largest retry delay " + maxDelay + " is below the base delay " + baseDelay);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
    }
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be positive, not " + maxAge);
    }
  }

  /** A policy whose {@code maxAge} is {@link #DEFAULT_MAX_AGE}. */
  public RetryPolicy(Duration baseDelay, Duration maxDelay, int maxAttempts) {
    this(baseDelay, maxDelay, maxAttempts, DEFAULT_MAX_AGE);
  }

  /** One second base, one hour cap, 100 attempts, one day of failing. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(Duration.ofSeconds(1), Duration.ofHours(1), 100, DEFAULT_MAX_AGE);
  }

  /** The same policy with another {@code maxAge}. */
  public RetryPolicy withMaxAge(Duration newMaxAge) {
    return new RetryPolicy(baseDelay, maxDelay, maxAttempts, newMaxAge);
  }

  /** The largest wait after {@code failedAttempts} failed attempts (before jitter). */
  public Duration ceiling(int failedAttempts) {
    long base = baseDelay.toMillis();
    long cap = maxDelay.toMillis();
    int exponent = Math.max(0, failedAttempts - 1);
    if (base == 0) {
      return Duration.ZERO;
    }
    if (exponent >= 62 || base > (cap >> Math.min(exponent, 62))) {
      return maxDelay;
    }
    return Duration.ofMillis(Math.min(cap, base << exponent));
  }

  /**
   * How long to wait before the next attempt after {@code failedAttempts} failed attempts, or empty
   * when the operation has had all its attempts and must be parked. Ignores {@code maxAge}.
   */
  public Optional<Duration> delayAfter(int failedAttempts, RandomGenerator random) {
    return delayAfter(failedAttempts, Duration.ZERO, random);
  }

  /**
   * How long to wait before the next attempt after {@code failedAttempts} failed attempts made over
   * {@code failingFor} (from the start of the first to the end of the last), or empty when the
   * operation must be parked: it has failed {@code maxAttempts} times, or for at least {@code
   * maxAge}.
   */
  public Optional<Duration> delayAfter(
      int failedAttempts, Duration failingFor, RandomGenerator random) {
    if (failedAttempts >= maxAttempts || failingFor.compareTo(maxAge) >= 0) {
      return Optional.empty();
    }
    long ceiling = ceiling(failedAttempts).toMillis();
    return Optional.of(Duration.ofMillis(ceiling == 0 ? 0 : random.nextLong(ceiling + 1)));
  }
}
