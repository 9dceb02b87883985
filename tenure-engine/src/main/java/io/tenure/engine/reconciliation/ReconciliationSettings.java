package io.tenure.engine.reconciliation;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How one target is reconciled.
 *
 * @param correlation the rules that find the identity of an account not yet linked in the store,
 *     tried in order (a rule that finds nobody passes to the next; one that finds several
 *     identities makes the account ambiguous); their identity attributes are distinct. May be
 *     empty: then no account is ever linked automatically, and every account Tenure does not know
 *     is reported. Rules on attributes that identify a person ({@code employeeNumber = employeeId})
 *     are the safe choice; {@code @name = @username} trusts that an account named like a generated
 *     username is that person's, which is true only on a target where Tenure created every such
 *     account.
 * @param policy what a {@link ReconcileMode#FIX} run does per situation
 * @param schedule when the target is reconciled by a running server: a cron expression with six
 *     fields (second minute hour day-of-month month day-of-week, e.g. {@code 0 0 2 * * *}), checked
 *     by the server; null to reconcile on demand only
 * @param incremental whether scheduled runs after the first read only the accounts the target says
 *     changed since the previous run started (when its connector implements {@link
 *     io.tenure.connector.spi.IncrementalSearchCapability}); a full run is still needed to find
 *     missing accounts and accounts deleted by hand
 * @param orphanScope the orphans an orphan remedy may touch; must be {@linkplain
 *     OrphanScope#isConfigured() configured} when the policy's orphan remedy is not {@link
 *     Remedy#REPORT}
 */
public record ReconciliationSettings(
    List<AccountCorrelationRule> correlation,
    ReconciliationPolicy policy,
    @Nullable String schedule,
    boolean incremental,
    OrphanScope orphanScope) {

  public ReconciliationSettings {
    correlation = List.copyOf(correlation);
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(orphanScope, "orphanScope");
    if (schedule != null && schedule.isBlank()) {
      schedule = null;
    }
    if (policy.orphan() != Remedy.REPORT && !orphanScope.isConfigured()) {
      throw new IllegalArgumentException(
          "reconciliation.policy.orphan: "
              + policy.orphan().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
              + " needs reconciliation.orphans (include and/or exclude name patterns, such as"
              + " exclude: [\"svc-*\", \"admin*\"]), so that accounts Tenure never managed, such as"
              + " service accounts, are not touched");
    }
    Set<String> identityAttributes = new HashSet<>();
    for (AccountCorrelationRule rule : correlation) {
      if (!identityAttributes.add(rule.identityAttribute())) {
        throw new IllegalArgumentException(
            "reconciliation.correlation: identity attribute "
                + rule.identityAttribute()
                + " is used by two rules");
      }
    }
  }

  /** Settings reconciled on demand only, never incrementally, with no orphan scope. */
  public ReconciliationSettings(
      List<AccountCorrelationRule> correlation, ReconciliationPolicy policy) {
    this(correlation, policy, null, false, OrphanScope.unset());
  }

  /** Settings reconciled on demand only, never incrementally. */
  public ReconciliationSettings(
      List<AccountCorrelationRule> correlation,
      ReconciliationPolicy policy,
      OrphanScope orphanScope) {
    this(correlation, policy, null, false, orphanScope);
  }

  /**
   * The settings of a target that configures none: the given correlation rules (those a loader
   * derives from attributes that identify a person, or none), the {@link
   * ReconciliationPolicy#defaults() default policy} (orphans only reported), no schedule, full
   * runs.
   */
  public static ReconciliationSettings defaults(List<AccountCorrelationRule> correlation) {
    return new ReconciliationSettings(correlation, ReconciliationPolicy.defaults());
  }

  /** {@link #defaults(List)} without correlation rules: no account is linked automatically. */
  public static ReconciliationSettings defaults() {
    return defaults(List.of());
  }

  public ReconciliationSettings withPolicy(ReconciliationPolicy newPolicy) {
    return new ReconciliationSettings(correlation, newPolicy, schedule, incremental, orphanScope);
  }

  public ReconciliationSettings withSchedule(@Nullable String newSchedule, boolean newIncremental) {
    return new ReconciliationSettings(
        correlation, policy, newSchedule, newIncremental, orphanScope);
  }
}
