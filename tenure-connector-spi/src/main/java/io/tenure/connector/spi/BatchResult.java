package io.tenure.connector.spi;

import org.jspecify.annotations.Nullable;

/**
 * The result of one {@link BatchCall}: success (with the created account for a create) or the
 * {@link ConnectorException} the single call would have thrown.
 *
 * @param created the created account of a successful {@link BatchCall.Create}, else null
 * @param error the failure, null on success
 */
public record BatchResult(@Nullable RemoteAccount created, @Nullable ConnectorException error) {

  public BatchResult {
    if (created != null && error != null) {
      throw new IllegalArgumentException("a batch result is a success or a failure, not both");
    }
  }

  /** Success of a call that returns nothing. */
  public static BatchResult done() {
    return new BatchResult(null, null);
  }

  /** Success of a create. */
  public static BatchResult created(RemoteAccount account) {
    return new BatchResult(account, null);
  }

  public static BatchResult failed(ConnectorException error) {
    return new BatchResult(null, error);
  }

  public boolean failed() {
    return error != null;
  }

  /**
   * What the single call returns: the created account (null for other calls), or throws its error.
   */
  public @Nullable RemoteAccount orThrow() {
    if (error != null) {
      throw error;
    }
    return created;
  }
}
