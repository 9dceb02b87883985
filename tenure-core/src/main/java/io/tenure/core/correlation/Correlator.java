package io.tenure.core.correlation;

import io.tenure.core.identity.IdentityId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Correlates records to identities with a {@link CorrelationRule}.
 *
 * <p>The key and then each fallback key are tried in order. A key whose value in the record is
 * absent or blank is skipped. A key that finds nobody passes to the next key. A key that finds
 * exactly one identity gives {@link Correlation.Matched}, except that when it is a fallback key and
 * the record has a value for the primary key that the found identity contradicts (it holds another,
 * non-blank value), the result is {@link Correlation.Conflict}. A key that finds several identities
 * gives {@link Correlation.Ambiguous} at once: weaker keys are never tried and nothing is linked.
 * When every key is exhausted the result is {@link Correlation.NoMatch}.
 */
public final class Correlator {

  private final CorrelationRule rule;

  public Correlator(CorrelationRule rule) {
    this.rule = Objects.requireNonNull(rule, "rule");
  }

  public CorrelationRule rule() {
    return rule;
  }

  /**
   * Finds the identity a record belongs to.
   *
   * @param recordAttributes the record's attributes by identity attribute name
   * @param lookup the stored identities
   */
  public Correlation correlate(Map<String, String> recordAttributes, IdentityLookup lookup) {
    Objects.requireNonNull(recordAttributes, "recordAttributes");
    Objects.requireNonNull(lookup, "lookup");
    Optional<String> recordKey = valueOf(recordAttributes, rule.key());
    for (String attribute : rule.keysInOrder()) {
      Optional<String> value = valueOf(recordAttributes, attribute);
      if (value.isEmpty()) {
        continue;
      }
      List<IdentityId> found =
          lookup.findBy(attribute, value.get()).stream().distinct().sorted().toList();
      if (found.size() > 1) {
        return new Correlation.Ambiguous(attribute, value.get(), found);
      }
      if (found.size() == 1) {
        IdentityId candidate = found.get(0);
        if (!attribute.equals(rule.key()) && recordKey.isPresent()) {
          Optional<String> held = lookup.attributeOf(candidate, rule.key());
          if (held.isPresent() && !held.get().equals(recordKey.get())) {
            return new Correlation.Conflict(
                candidate, attribute, rule.key(), recordKey.get(), held.get());
          }
        }
        return new Correlation.Matched(candidate, attribute);
      }
    }
    return new Correlation.NoMatch();
  }

  private static Optional<String> valueOf(Map<String, String> attributes, String name) {
    return Optional.ofNullable(attributes.get(name)).filter(value -> !value.isBlank());
  }
}
