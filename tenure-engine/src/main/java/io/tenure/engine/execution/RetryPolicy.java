package io.tenure.engine.execution;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a retryable failure is tried again: exponential backoff with full jitter. After the {@code
 * n}th failed attempt the next one waits a random time between zero and {@code min(maxDelay,
 * baseDelay * 2^(n-1))}; after {@code maxAttempts} failed attempts the operation is parked.
 *
 * @param baseDelay the ceiling of the first wait
 * @param maxDelay the largest ceiling
 * @param maxAttempts how many attempts an operation gets before it is parked (at least 1)
 */
public record RetryPolicy(Duration baseDelay, Duration maxDelay, int maxAttempts) {

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
  }

  /** One second base, five minutes cap, ten attempts (about seven minutes of trying). */
  public static RetryPolicy defaults() {
    return new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), 10);
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
   * when the operation has had all its attempts and must be parked.
   */
  public Optional<Duration> delayAfter(int failedAttempts, RandomGenerator random) {
    if (failedAttempts >= maxAttempts) {
      return Optional.empty();
    }
    long ceiling = ceiling(failedAttempts).toMillis();
    return Optional.of(Duration.ofMillis(ceiling == 0 ? 0 : random.nextLong(ceiling + 1)));
  }
}
