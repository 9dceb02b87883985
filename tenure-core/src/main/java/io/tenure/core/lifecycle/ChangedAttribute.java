package io.tenure.core.lifecycle;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One attribute whose value differs between two versions of an identity.
 *
 * @param name the identity attribute name (employment fields appear as {@code employment.status},
 *     {@code employment.startDate}, {@code employment.endDate})
 * @param before the earlier value, null if absent or blank
 * @param after the later value, null if absent or blank
 */
public record ChangedAttribute(String name, @Nullable String before, @Nullable String after) {

  public ChangedAttribute {
    Objects.requireNonNull(name, "name");
    if (Objects.equals(before, after)) {
      throw new IllegalArgumentException("attribute " + name + " did not change");
    }
  }

  /** For example {@code department Engineering -> Sales}; an absent value shows as (none). */
  public String describe() {
    return name + " " + show(before) + " -> " + show(after);
  }

  private static String show(@Nullable String value) {
    return value == null ? "(none)" : value;
  }
}
