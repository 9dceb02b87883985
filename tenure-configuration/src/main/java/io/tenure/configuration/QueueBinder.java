package io.tenure.configuration;

import io.tenure.engine.execution.QueueSettings;
import io.tenure.engine.execution.RetryPolicy;
import java.time.Duration;
import java.util.Set;

/**
 * {@code queue: {workers, lease, pollInterval, retry: {baseDelay, maxDelay, maxAttempts}}}: the
 * durable queue's workers; omitted keys keep {@link QueueSettings#defaults()}.
 */
final class QueueBinder {

  private static final Set<String> KEYS = Set.of("workers", "lease", "pollInterval", "retry");
  private static final Set<String> RETRY_KEYS = Set.of("baseDelay", "maxDelay", "maxAttempts");

  private QueueBinder() {}

  static QueueSettings bind(MappingReader top) {
    MappingReader queue = top.optionalMapping("queue");
    QueueSettings defaults = QueueSettings.defaults();
    if (queue == null) {
      return defaults;
    }
    queue.onlyKeys(KEYS);
    int workers = queue.integer("workers", defaults.workers(), 1, 1024);
    Duration lease = queue.atLeast("lease", defaults.lease(), Duration.ofSeconds(1));
    Duration pollInterval =
        queue.atLeast("pollInterval", defaults.pollInterval(), Duration.ofMillis(1));
    return new QueueSettings(retry(queue), lease, workers, pollInterval);
  }

  /** The retry backoff; a largest delay below the base delay is a problem. */
  private static RetryPolicy retry(MappingReader queue) {
    RetryPolicy defaults = RetryPolicy.defaults();
    MappingReader retry = queue.optionalMapping("retry");
    if (retry == null) {
      return defaults;
    }
    retry.onlyKeys(RETRY_KEYS);
    Duration baseDelay = retry.duration("baseDelay", defaults.baseDelay());
    Duration maxDelay = retry.duration("maxDelay", defaults.maxDelay());
    int maxAttempts = retry.integer("maxAttempts", defaults.maxAttempts(), 1, 1000);
    if (baseDelay.isNegative() || maxDelay.isNegative()) {
      return defaults;
    }
    if (maxDelay.compareTo(baseDelay) < 0) {
      retry.problemAt(
          retry.has("maxDelay") ? "maxDelay" : "baseDelay",
          maxDelay + " (the largest retry delay) is below the base delay " + baseDelay);
      return defaults;
    }
    return new RetryPolicy(baseDelay, maxDelay, maxAttempts);
  }
}
