package io.tenure.core.correlation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Which attributes identify a person, strongest first.
 *
 * @param key the primary correlation attribute (for example {@code employeeId})
 * @param fallbackKeys attributes tried in order when the record has no value for the key or the key
 *     finds nobody (for example {@code [email]}); distinct and different from the key
 */
public record CorrelationRule(String key, List<String> fallbackKeys) {

  public CorrelationRule {
    Objects.requireNonNull(key, "key");
    fallbackKeys = List.copyOf(fallbackKeys);
    if (key.isBlank()) {
      throw new IllegalArgumentException("correlation key must not be blank");
    }
    LinkedHashSet<String> seen = new LinkedHashSet<>();
    seen.add(key);
    for (String fallback : fallbackKeys) {
      if (fallback.isBlank()) {
        throw new IllegalArgumentException("correlation fallback key must not be blank");
      }
      if (!seen.add(fallback)) {
        throw new IllegalArgumentException(
            "correlation key " + fallback + " is listed more than once");
      }
    }
  }

  /** A rule with only a primary key. */
  public static CorrelationRule on(String key) {
    return new CorrelationRule(key, List.of());
  }

  /** The key followed by the fallback keys, in the order they are tried. */
  public List<String> keysInOrder() {
    List<String> keys = new ArrayList<>(fallbackKeys.size() + 1);
    keys.add(key);
    keys.addAll(fallbackKeys);
    return List.copyOf(keys);
  }
}
