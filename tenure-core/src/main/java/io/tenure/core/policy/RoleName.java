package io.tenure.core.policy;

import java.util.Objects;

/** The name of a role, as configured. */
public record RoleName(String value) implements Comparable<RoleName> {

  public RoleName {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("role name must not be blank");
    }
  }

  /** The role named {@code value}. */
  public static RoleName of(String value) {
    return new RoleName(value);
  }

  @Override
  public int compareTo(RoleName other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
