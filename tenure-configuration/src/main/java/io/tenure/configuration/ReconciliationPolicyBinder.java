package io.tenure.configuration;

import static io.tenure.configuration.NodeReader.quote;

import io.tenure.engine.reconciliation.ReconciliationPolicy;
import io.tenure.engine.reconciliation.Remedy;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code targets.NAME.reconciliation.policy: {drifted, missing, unlinked, orphan}} and {@code
 * orphanRetention}: the remedy for each kind of finding, each from its own list of allowed words;
 * omitted keys keep {@link ReconciliationPolicy#defaults()}.
 */
final class ReconciliationPolicyBinder {

  private static final Set<String> KEYS = Set.of("drifted", "missing", "unlinked", "orphan");

  private ReconciliationPolicyBinder() {}

  static ReconciliationPolicy bind(MappingReader reconciliation) {
    ReconciliationPolicy defaults = ReconciliationPolicy.defaults();
    Duration orphanRetention =
        reconciliation.duration("orphanRetention", defaults.orphanRetention());
    if (orphanRetention.isNegative()) {
      orphanRetention = defaults.orphanRetention();
    }
    MappingReader policy = reconciliation.optionalMapping("policy");
    if (policy == null) {
      return new ReconciliationPolicy(
          defaults.drifted(),
          defaults.missing(),
          defaults.unlinked(),
          defaults.orphan(),
          orphanRetention);
    }
    policy.onlyKeys(KEYS);
    return new ReconciliationPolicy(
        remedy(policy, "drifted", defaults.drifted(), "report", "fix"),
        remedy(policy, "missing", defaults.missing(), "report", "fix"),
        remedy(policy, "unlinked", defaults.unlinked(), "report", "link"),
        remedy(policy, "orphan", defaults.orphan(), "report", "disable", "delete-after-retention"),
        orphanRetention);
  }

  private static Remedy remedy(
      MappingReader policy, String key, Remedy defaultValue, String... allowed) {
    String text = policy.optionalString(key);
    if (text == null) {
      return defaultValue;
    }
    String value = text.trim().toLowerCase(Locale.ROOT);
    if (!List.of(allowed).contains(value)) {
      policy.problemAt(key, quote(text) + " is not one of " + String.join(", ", allowed));
      return defaultValue;
    }
    return Remedy.valueOf(value.replace('-', '_').toUpperCase(Locale.ROOT));
  }
}
