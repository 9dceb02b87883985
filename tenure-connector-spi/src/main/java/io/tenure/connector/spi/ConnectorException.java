package io.tenure.connector.spi;

import org.jspecify.annotations.Nullable;

/**
 * The only exception a connector throws. Its message never contains a secret.
 *
 * <p>{@link #retryable()} tells the engine whether to retry with backoff or to park the operation
 * for a human.
 */
public class ConnectorException extends RuntimeException {

  private final ErrorKind kind;

  public ConnectorException(ErrorKind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public ConnectorException(ErrorKind kind, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** The classification of this failure. */
  public ErrorKind kind() {
    return kind;
  }

  /** True if the same call may succeed later without any change. */
  public boolean retryable() {
    return kind.retryable();
  }
}
