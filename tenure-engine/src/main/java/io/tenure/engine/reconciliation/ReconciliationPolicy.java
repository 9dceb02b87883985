package io.tenure.engine.reconciliation;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link ReconcileMode#FIX} run does per situation on one target. Compliant accounts are
 * left alone and ambiguous ones are only ever reported.
 *
 * @param drifted {@link Remedy#REPORT} or {@link Remedy#FIX} (revert to desired)
 * @param missing {@link Remedy#REPORT} or {@link Remedy#FIX} (create)
 * @param unlinked {@link Remedy#REPORT} or {@link Remedy#LINK}
 * @param orphan {@link Remedy#REPORT}, {@link Remedy#DISABLE} or {@link
 *     Remedy#DELETE_AFTER_RETENTION}
 * @param orphanRetention how long an orphan stays disabled before {@link
 *     Remedy#DELETE_AFTER_RETENTION} deletes it
 */
public record ReconciliationPolicy(
    Remedy drifted, Remedy missing, Remedy unlinked, Remedy orphan, Duration orphanRetention) {

  public ReconciliationPolicy {
    require("drifted", drifted, EnumSet.of(Remedy.REPORT, Remedy.FIX));
    require("missing", missing, EnumSet.of(Remedy.REPORT, Remedy.FIX));
    require("unlinked", unlinked, EnumSet.of(Remedy.REPORT, Remedy.LINK));
    require(
        "orphan", orphan, EnumSet.of(Remedy.REPORT, Remedy.DISABLE, Remedy.DELETE_AFTER_RETENTION));
    Objects.requireNonNull(orphanRetention, "orphanRetention");
    if (orphanRetention.isNegative()) {
      throw new IllegalArgumentException(
          "reconciliation.orphanRetention must not be negative, was " + orphanRetention);
    }
  }

  /** Report everything, change nothing. */
  public static ReconciliationPolicy reportOnly() {
    return new ReconciliationPolicy(
        Remedy.REPORT, Remedy.REPORT, Remedy.REPORT, Remedy.REPORT, Duration.ofDays(30));
  }

  /**
   * The default of a target that configures none: revert drift, create missing accounts, link
   * unlinked ones (found by the target's correlation rules), and only report orphans: an account no
   * identity owns or matches may be a service or administrator account Tenure never managed, so it
   * is disabled or deleted only when the policy says so for a configured {@link OrphanScope}.
   * Orphan retention 30 days.
   */
  public static ReconciliationPolicy defaults() {
    return new ReconciliationPolicy(
        Remedy.FIX, Remedy.FIX, Remedy.LINK, Remedy.REPORT, Duration.ofDays(30));
  }

  private static void require(String key, Remedy remedy, Set<Remedy> allowed) {
    Objects.requireNonNull(remedy, key);
    if (!allowed.contains(remedy)) {
      throw new IllegalArgumentException(
          "reconciliation.policy." + key + " must be one of " + allowed + ", was " + remedy);
    }
  }
}
