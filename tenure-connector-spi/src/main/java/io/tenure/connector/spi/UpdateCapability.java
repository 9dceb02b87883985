package io.tenure.connector.spi;

import java.util.List;

/** The target can change attributes of an account by deltas. */
public interface UpdateCapability {

  /**
   * Applies the deltas in one request where the target allows it. Idempotent.
   *
   * @throws ConnectorException of kind {@link ErrorKind#NOT_FOUND} when the account does not exist
   */
  void update(AccountReference account, List<AttributeDelta> deltas);
}
