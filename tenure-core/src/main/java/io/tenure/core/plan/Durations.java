package io.tenure.core.plan;

import java.time.Duration;

/**
 * Durations as people configure them: ISO-8601 with days ({@code P30D}, {@code P1DT12H}, {@code
 * PT15M}), where {@link Duration#toString()} would say {@code PT720H}.
 */
public final class Durations {

  private Durations() {}

  /** The duration in ISO-8601, whole days as days: {@code P30D}, {@code P1DT12H}, {@code PT15M}. */
  public static String iso(Duration duration) {
    if (duration.isNegative() || duration.toDays() == 0) {
      return duration.toString();
    }
    long days = duration.toDays();
    Duration rest = duration.minusDays(days);
    return "P" + days + "D" + (rest.isZero() ? "" : rest.toString().substring(1));
  }
}
