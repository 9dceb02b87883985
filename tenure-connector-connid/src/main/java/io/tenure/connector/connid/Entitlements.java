package io.tenure.connector.connid;

import java.util.Set;
import org.identityconnectors.framework.common.objects.ConnectorObject;

/**
 * The entitlements of accounts, kept in the bundle as {@link EntitlementSettings} says. Every
 * change is idempotent: granting a held entitlement or revoking one not held changes nothing.
 */
interface Entitlements {

  /** No entitlements: nothing is read, nothing can be granted. */
  Entitlements NONE =
      new Entitlements() {
        @Override
        public Set<String> accountAttributes() {
          return Set.of();
        }

        @Override
        public Set<String> read(ConnectorObject account) {
          return Set.of();
        }

        @Override
        public void grant(ConnectorObject account, String entitlement) {
          throw new UnsupportedOperationException("no entitlements are configured");
        }

        @Override
        public void revoke(ConnectorObject account, String entitlement) {
          throw new UnsupportedOperationException("no entitlements are configured");
        }

        @Override
        public void revokeAll(ConnectorObject account) {}
      };

  /** The account attributes a read must return for {@link #read}. */
  Set<String> accountAttributes();

  /** The entitlements the account holds. */
  Set<String> read(ConnectorObject account);

  /** Grants the entitlement to the account; creates the group when configured to. */
  void grant(ConnectorObject account, String entitlement);

  /** Revokes the entitlement from the account. */
  void revoke(ConnectorObject account, String entitlement);

  /** Revokes every entitlement the account holds outside its own object (before a delete). */
  void revokeAll(ConnectorObject account);
}
