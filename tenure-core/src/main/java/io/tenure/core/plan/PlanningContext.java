package io.tenure.core.plan;

import io.tenure.core.account.TargetId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The facts a plan depends on besides desired and actual state.
 *
 * @param now the moment the plan is computed for; retention is measured up to it
 * @param retention per target, how long a retired account stays disabled before it is deleted
 * @param defaultRetention the retention of targets not in {@code retention}
 */
public record PlanningContext(
    Instant now, Map<TargetId, Duration> retention, Duration defaultRetention) {

  public PlanningContext {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(defaultRetention, "defaultRetention");
    retention = Collections.unmodifiableMap(new TreeMap<>(retention));
    if (defaultRetention.isNegative()) {
      throw new IllegalArgumentException("default retention must not be negative");
    }
    retention.forEach(
        (target, duration) -> {
          if (duration.isNegative()) {
            throw new IllegalArgumentException(
                "targets." + target + ".retention must not be negative, was " + duration);
          }
        });
  }

  /** A context where every target has the same retention. */
  public static PlanningContext at(Instant now, Duration retention) {
    return new PlanningContext(now, Map.of(), retention);
  }

  /** The retention of a target. */
  public Duration retentionOf(TargetId target) {
    return retention.getOrDefault(target, defaultRetention);
  }

  /** A copy computed for another moment. */
  public PlanningContext withNow(Instant newNow) {
    return new PlanningContext(newNow, retention, defaultRetention);
  }
}
