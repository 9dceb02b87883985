package io.tenure.engine.guard;

import io.tenure.core.account.TargetId;
import io.tenure.engine.configuration.GuardSettings;

/**
 * A target whose brake a plan trips.
 *
 * @param target the target
 * @param deprovisioned how many distinct accounts the plan would disable or delete there
 * @param knownAccounts how many accounts Tenure knows on the target (the base of the percentage)
 * @param allowed the most accounts that may be deprovisioned there within the window without an
 *     operator
 * @param settings the target's brake settings
 * @param earlier how many other distinct accounts plans stored within the window already disable or
 *     delete there
 */
public record TargetBreach(
    TargetId target,
    int deprovisioned,
    long knownAccounts,
    long allowed,
    GuardSettings settings,
    int earlier) {

  /** A breach by the plan alone, with nothing earlier in the window. */
  public TargetBreach(
      TargetId target,
      int deprovisioned,
      long knownAccounts,
      long allowed,
      GuardSettings settings) {
    this(target, deprovisioned, knownAccounts, allowed, settings, 0);
  }

  /**
   * For example {@code directory: 120 of 200 known accounts (60%) would be disabled or deleted; the
   * brake allows 10 (5% of the known accounts, at most 500)}; when plans stored within the window
   * count too, it says how many and over which window ({@code ... would be disabled or deleted
   * within P1D (9 by earlier plans, 5 by this one); the brake allows 10 per P1D ...}).
   */
  public String describe() {
    int total = deprovisioned + earlier;
    long percent = knownAccounts == 0 ? 100 : Math.round(total * 100.0 / knownAccounts);
    String window = readable(settings.window());
    return target
        + ": "
        + total
        + " of "
        + knownAccounts
        + " known accounts ("
        + percent
        + "%) would be disabled or deleted"
        + (earlier == 0
            ? ""
            : " within "
                + window
                + " ("
                + earlier
                + " by earlier plans, "
                + deprovisioned
                + " by this one)")
        + "; the brake allows "
        + allowed
        + (earlier == 0 ? "" : " per " + window)
        + " ("
        + settings.maxDisablePercent()
        + "% of the known accounts, at most "
        + settings.maxDisableCount()
        + ")";
  }

  /** {@code P1D} rather than {@code PT24H} for whole days. */
  static String readable(java.time.Duration duration) {
    return io.tenure.core.plan.Durations.iso(duration);
  }
}
