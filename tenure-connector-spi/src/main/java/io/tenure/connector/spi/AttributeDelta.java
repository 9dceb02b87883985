package io.tenure.connector.spi;

import java.util.List;

/**
 * A change of one attribute: its values are replaced by {@code values}; an empty list removes the
 * attribute. Applying the same delta twice has the effect of applying it once.
 */
public record AttributeDelta(String attribute, List<String> values) {

  public AttributeDelta {
    values = List.copyOf(values);
  }

  /** Replaces the attribute with one value. */
  public static AttributeDelta replace(String attribute, String value) {
    return new AttributeDelta(attribute, List.of(value));
  }

  /** Removes every value of the attribute. */
  public static AttributeDelta clear(String attribute) {
    return new AttributeDelta(attribute, List.of());
  }
}
