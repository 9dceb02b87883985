package io.tenure.core.plan;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A change of one account attribute.
 *
 * @param attribute the attribute name on the target
 * @param oldValue the value Tenure knew, null if it was not set
 * @param newValue the value to set, null to remove the attribute
 */
public record AttributeChange(
    String attribute, @Nullable String oldValue, @Nullable String newValue) {

  public Optional<String> newValueIfSet() {
    return Optional.ofNullable(newValue);
  }

  /** For example {@code title: "Engineer" -> "Senior Engineer"}. */
  public String describe() {
    return attribute + ": " + quote(oldValue) + " -> " + quote(newValue);
  }

  private static String quote(@Nullable String value) {
    return value == null ? "(none)" : "\"" + value + "\"";
  }
}
