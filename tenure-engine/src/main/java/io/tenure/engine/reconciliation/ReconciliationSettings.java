package io.tenure.engine.reconciliation;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How one target is reconciled.
 *
 * @param correlation the rules that find the identity of an account not yet linked in the store,
 *     tried in order (a rule that finds nobody passes to the next; one that finds several
 *     identities makes the account ambiguous); their identity attributes are distinct
 * @param policy what a {@link ReconcileMode#FIX} run does per situation
 */
public record ReconciliationSettings(
    List<AccountCorrelationRule> correlation, ReconciliationPolicy policy) {

  public ReconciliationSettings {
    correlation = List.copyOf(correlation);
    Objects.requireNonNull(policy, "policy");
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

  /** {@code @name = @username} and the {@link ReconciliationPolicy#defaults() default policy}. */
  public static ReconciliationSettings defaults() {
    return new ReconciliationSettings(
        List.of(AccountCorrelationRule.byUsername()), ReconciliationPolicy.defaults());
  }

  public ReconciliationSettings withPolicy(ReconciliationPolicy newPolicy) {
    return new ReconciliationSettings(correlation, newPolicy);
  }
}
