package io.tenure.engine.configuration;

/**
 * How hard the queue's workers may drive one target.
 *
 * @param concurrency the most operations of the target running at once across every Tenure process
 *     sharing the store ({@code targets.X.concurrency}, default 4)
 * @param rateLimit the most operations started per second in one process ({@code
 *     targets.X.rateLimit}); 0 for no limit. Each process paces itself, so N processes may start up
 *     to N times this rate
 */
public record TargetThrottle(int concurrency, int rateLimit) {

  public TargetThrottle {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
    }
    if (rateLimit < 0) {
      throw new IllegalArgumentException("rateLimit must not be negative, not " + rateLimit);
    }
  }

  /** Four at once, no rate limit. */
  public static TargetThrottle defaults() {
    return new TargetThrottle(4, 0);
  }
}
