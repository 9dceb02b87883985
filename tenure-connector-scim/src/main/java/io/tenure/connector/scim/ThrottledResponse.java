package io.tenure.connector.scim;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown by {@link ThrottleFilter} for an HTTP 429 or 503 answer so that the call is retried; the
 * message holds only the status.
 */
final class ThrottledResponse extends IOException {

  private final int status;
  private final @Nullable String retryAfter;

  ThrottledResponse(int status, @Nullable String retryAfter) {
    super("HTTP " + status);
    this.status = status;
    this.retryAfter = retryAfter;
  }

  int status() {
    return status;
  }

  /** The raw {@code Retry-After} header, if the answer had one. */
  @Nullable String retryAfter() {
    return retryAfter;
  }
}
