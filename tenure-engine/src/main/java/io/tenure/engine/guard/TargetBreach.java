package io.tenure.engine.guard;

import io.tenure.core.account.TargetId;
import io.tenure.engine.configuration.GuardSettings;

/**
 * A target whose brake a plan trips.
 *
 * @param target the target
 * @param deprovisioned how many distinct accounts the plan would disable or delete there
 * @param knownAccounts how many accounts Tenure knows on the target (the base of the percentage)
 * @param allowed the most accounts one plan may deprovision there without an operator
 * @param settings the target's brake settings
 */
public record TargetBreach(
    TargetId target, int deprovisioned, long knownAccounts, long allowed, GuardSettings settings) {

  /** For example {@code directory: 120 of 200 known accounts (60%) would be disabled or ...}. */
  public String describe() {
    long percent = knownAccounts == 0 ? 100 : Math.round(deprovisioned * 100.0 / knownAccounts);
    return target
        + ": "
        + deprovisioned
        + " of "
        + knownAccounts
        + " known accounts ("
        + percent
        + "%) would be disabled or deleted; the brake allows "
        + allowed
        + " ("
        + settings.maxDisablePercent()
        + "% of the known accounts, at most "
        + settings.maxDisableCount()
        + ")";
  }
}
