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
 *     identities makes the account ambiguous); their identity attributes are distinct
 * @param policy what a {@link ReconcileMode#FIX} run does per situation
 * @param schedule when the target is reconciled by a running server: a cron expression with six
 *     fields (second minute hour day-of-month month day-of-week, e.g. {@code 0 0 2 * * *}), checked
 *     by the server; null to reconcile on demand only
 * @param incremental whether scheduled runs after the first read only the accounts the target says
 *     changed since the previous run started (when its connector implements {@link
 *     io.tenure.connector.spi.IncrementalSearchCapability}); a full run is still needed to find
 *     missing accounts and accounts deleted by hand
 */
public record ReconciliationSettings(
    List<AccountCorrelationRule> correlation,
    ReconciliationPolicy policy,
    @Nullable String schedule,
    boolean incremental) {

  public ReconciliationSettings {
    correlation = List.copyOf(correlation);
    Objects.requireNonNull(policy, "policy");
    if (schedule != null && schedule.isBlank()) {
      schedule = null;
    }
    if (correlation.isEmpty()) {
      throw new IllegalArgumentException("reconciliation.correlation needs at least one rule");
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

  /** Settings reconciled on demand only, never incrementally. */
  public ReconciliationSettings(
      List<AccountCorrelationRule> correlation, ReconciliationPolicy policy) {
    this(correlation, policy, null, false);
  }

  /**
   * {@code @name = @username}, the {@link ReconciliationPolicy#defaults() default policy}, no
   * schedule, full runs.
   */
  public static ReconciliationSettings defaults() {
    return new ReconciliationSettings(
        List.of(AccountCorrelationRule.byUsername()), ReconciliationPolicy.defaults());
  }

  public ReconciliationSettings withPolicy(ReconciliationPolicy newPolicy) {
    return new ReconciliationSettings(correlation, newPolicy, schedule, incremental);
  }

  public ReconciliationSettings withSchedule(@Nullable String newSchedule, boolean newIncremental) {
    return new ReconciliationSettings(correlation, policy, newSchedule, newIncremental);
  }
}
