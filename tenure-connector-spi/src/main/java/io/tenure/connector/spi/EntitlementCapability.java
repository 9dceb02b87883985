package io.tenure.connector.spi;

/**
 * The target has entitlements (groups, roles) that accounts can hold. An entitlement is named by a
 * plain string (a group's name, a role's name); the connector maps it to the target's object.
 */
public interface EntitlementCapability {

  /**
   * Grants the entitlement to the account, creating the entitlement's object when the target and
   * configuration allow it. Idempotent: granting a held entitlement succeeds.
   *
   * @throws ConnectorException of kind {@link ErrorKind#NOT_FOUND} when the account does not exist
   */
  void grant(AccountReference account, String entitlement);

  /**
   * Revokes the entitlement. Idempotent: revoking an entitlement not held, or of an entitlement
   * that does not exist, succeeds.
   */
  void revoke(AccountReference account, String entitlement);
}
