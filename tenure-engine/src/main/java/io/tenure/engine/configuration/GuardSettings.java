package io.tenure.engine.configuration;

import java.time.Duration;
import java.util.Objects;

/**
 * The mass-change brake of a target: a plan that would disable or delete more than this share or
 * count of the target's accounts, counting what the plans stored within {@code window} before it
 * already disable or delete there, is held for an operator (so that the limit cannot be beaten in
 * steps).
 *
 * @param maxDisablePercent the largest share of the target's known accounts
 * @param maxDisableCount the largest count
 * @param window how far back the plans' disables and deletes count (P1D by default; zero for the
 *     plan alone)
 * @param minDisableCount how many accounts within the window never trip the percentage, however
 *     small the target (1 by default: a single leaver is never a mass change; a small target with
 *     several leavers a day raises it); {@code maxDisableCount} still caps it
 */
public record GuardSettings(
    int maxDisablePercent, int maxDisableCount, Duration window, int minDisableCount) {

  /** The default floor: one account alone is never a mass change. */
  public static final int DEFAULT_MIN_DISABLE_COUNT = 1;

  /** The default window. */
  public static final Duration DEFAULT_WINDOW = Duration.ofDays(1);

  public GuardSettings {
    Objects.requireNonNull(window, "window");
    if (window.isNegative()) {
      throw new IllegalArgumentException("guard.window must not be negative, was " + window);
    }
    if (minDisableCount < 0) {
      throw new IllegalArgumentException(
          "guard.minDisableCount must not be negative, was " + minDisableCount);
    }
  }

  /** Limits over a window, with the {@linkplain #DEFAULT_MIN_DISABLE_COUNT default floor}. */
  public GuardSettings(int maxDisablePercent, int maxDisableCount, Duration window) {
    this(maxDisablePercent, maxDisableCount, window, DEFAULT_MIN_DISABLE_COUNT);
  }

  /** Limits over the {@linkplain #DEFAULT_WINDOW default window}. */
  public GuardSettings(int maxDisablePercent, int maxDisableCount) {
    this(maxDisablePercent, maxDisableCount, DEFAULT_WINDOW);
  }

  public static GuardSettings defaults() {
    return new GuardSettings(5, 500, DEFAULT_WINDOW, DEFAULT_MIN_DISABLE_COUNT);
  }
}
