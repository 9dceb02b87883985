package io.tenure.configuration;

import io.tenure.engine.execution.OutageSettings;
import io.tenure.engine.execution.QueueSettings;
import io.tenure.engine.execution.RetryPolicy;
import java.time.Duration;
import java.util.Set;

/**
 * {@code queue: {workers, lease, pollInterval, retry: {baseDelay, maxDelay, maxAttempts, maxAge},
 * outage: {probeDelay, maxProbeDelay, patience}}}: the durable queue's workers; omitted keys keep
 * {@link QueueSettings#defaults()}.
 */
final class QueueBinder {

  private static final Set<String> KEYS =
      Set.of("workers", "lease", "pollInterval", "retry", "outage");
  private static final Set<String> RETRY_KEYS =
      Set.of("baseDelay", "maxDelay", "maxAttempts", "maxAge");
  private static final Set<String> OUTAGE_KEYS = Set.of("probeDelay", "maxProbeDelay", "patience");

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
    return new QueueSettings(retry(queue), lease, workers, pollInterval, outage(queue));
  }

  /** How a target that is out is probed and how long a plan run waits for it. */
  private static OutageSettings outage(MappingReader queue) {
    OutageSettings defaults = OutageSettings.defaults();
    MappingReader outage = queue.optionalMapping("outage");
    if (outage == null) {
      return defaults;
    }
    outage.onlyKeys(OUTAGE_KEYS);
    Duration probeDelay =
        outage.atLeast("probeDelay", defaults.probeDelay(), Duration.ofMillis(100));
    Duration maxProbeDelay = outage.duration("maxProbeDelay", defaults.maxProbeDelay());
    Duration patience = outage.atLeast("patience", defaults.patience(), Duration.ZERO);
    if (probeDelay.isNegative() || maxProbeDelay.isNegative() || patience.isNegative()) {
      return defaults;
    }
    if (maxProbeDelay.compareTo(probeDelay) < 0) {
      outage.problemAt(
          outage.has("maxProbeDelay") ? "maxProbeDelay" : "probeDelay",
          maxProbeDelay + " is below probeDelay " + probeDelay);
      return defaults;
    }
    return new OutageSettings(probeDelay, maxProbeDelay, patience);
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
    int maxAttempts = retry.integer("maxAttempts", defaults.maxAttempts(), 1, 100_000);
    Duration maxAge = retry.atLeast("maxAge", defaults.maxAge(), Duration.ofSeconds(1));
    if (baseDelay.isNegative() || maxDelay.isNegative() || maxAge.isNegative()) {
      return defaults;
    }
    if (maxDelay.compareTo(baseDelay) < 0) {
      retry.problemAt(
          retry.has("maxDelay") ? "maxDelay" : "baseDelay",
          maxDelay + " (the largest retry delay) is below the base delay " + baseDelay);
      return defaults;
    }
    return new RetryPolicy(baseDelay, maxDelay, maxAttempts, maxAge);
  }
}
