package io.tenure.core.identity;

import java.util.Objects;

/** The stable internal id of an identity. Opaque; never reused. */
public record IdentityId(String value) implements Comparable<IdentityId> {

  public IdentityId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("identity id must not be blank");
    }
  }

  @Override
  public int compareTo(IdentityId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
