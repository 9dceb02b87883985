package io.tenure.connector.spi;

/** The target can disable an account without deleting it, and enable it again. */
public interface EnableDisableCapability {

  /**
   * Makes the account unusable. Idempotent: disabling a disabled account succeeds.
   *
   * @throws ConnectorException of kind {@link ErrorKind#NOT_FOUND} when the account does not exist
   */
  void disable(AccountReference account);

  /**
   * Makes the account usable again. Idempotent.
   *
   * @throws ConnectorException of kind {@link ErrorKind#NOT_FOUND} when the account does not exist
   */
  void enable(AccountReference account);
}
