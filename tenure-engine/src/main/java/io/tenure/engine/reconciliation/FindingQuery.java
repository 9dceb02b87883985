package io.tenure.engine.reconciliation;

import io.tenure.core.account.TargetId;
import org.jspecify.annotations.Nullable;

/**
 * Which findings to list.
 *
 * @param target only this target's, or every target's when null
 * @param situation only this situation, or all when null
 * @param terminatedWithEnabledAccounts only findings where {@link
 *     Finding#terminatedWithEnabledAccount()} holds
 */
public record FindingQuery(
    @Nullable TargetId target,
    @Nullable Situation situation,
    boolean terminatedWithEnabledAccounts) {

  /** Every finding. */
  public static FindingQuery all() {
    return new FindingQuery(null, null, false);
  }

  /** The report "terminated people with enabled accounts", on one target or all. */
  public static FindingQuery terminatedWithEnabledAccounts(@Nullable TargetId target) {
    return new FindingQuery(target, null, true);
  }

  public FindingQuery onTarget(@Nullable TargetId newTarget) {
    return new FindingQuery(newTarget, situation, terminatedWithEnabledAccounts);
  }

  public FindingQuery inSituation(@Nullable Situation newSituation) {
    return new FindingQuery(target, newSituation, terminatedWithEnabledAccounts);
  }

  /** True if the finding satisfies this query. */
  public boolean matches(Finding finding) {
    return (target == null || target.equals(finding.target()))
        && (situation == null || situation == finding.situation())
        && (!terminatedWithEnabledAccounts || finding.terminatedWithEnabledAccount());
  }
}
