package io.tenure.governance.request;

import java.util.Objects;

/** The id of an access request, {@code R-<number>}. */
public record RequestId(String value) {

  public RequestId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a request id must not be blank");
    }
  }

  /** The id of the request numbered {@code number}. */
  public static RequestId of(long number) {
    return new RequestId("R-" + number);
  }

  @Override
  public String toString() {
    return value;
  }
}
