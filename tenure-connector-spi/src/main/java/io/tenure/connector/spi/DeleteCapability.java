package io.tenure.connector.spi;

/** The target can delete accounts. */
public interface DeleteCapability {

  /**
   * Deletes the account and removes it from every entitlement it held. Idempotent: deleting an
   * account that does not exist succeeds.
   */
  void delete(AccountReference account);
}
