package io.tenure.engine.assignment;

import java.util.Objects;
import java.util.UUID;

/** The stable id of an {@link Assignment}. */
public record AssignmentId(String value) implements Comparable<AssignmentId> {

  public AssignmentId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("an assignment id must not be blank");
    }
  }

  /** A new random id. */
  public static AssignmentId random() {
    return new AssignmentId(UUID.randomUUID().toString());
  }

  @Override
  public int compareTo(AssignmentId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
