package io.tenure.core.account;

import java.util.Objects;

/** The name of a connected target system, as configured. */
public record TargetId(String value) implements Comparable<TargetId> {

  public TargetId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("target id must not be blank");
    }
  }

  @Override
  public int compareTo(TargetId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
