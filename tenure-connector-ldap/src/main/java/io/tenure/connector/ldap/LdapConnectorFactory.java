package io.tenure.connector.ldap;

import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.spi.ConnectorFactory;

/**
 * Creates {@link LdapConnector}s (type {@code ldap}) for LDAP directories and Active Directory.
 * Settings (dotted keys; see {@code docs/connectors/ldap.md} for examples):
 *
 * <ul>
 *   <li>{@code url} (required): {@code ldap://host:port} or {@code ldaps://host:port}; ldaps trusts
 *       the JVM's default trust store (or {@code tls.caFile}) and verifies the host name.
 *   <li>{@code tls.caFile}: a PEM file of CA certificates; when set, ldaps trusts only servers
 *       whose certificate chains to one of them (for a private CA or a test DC). Only with ldaps.
 *   <li>{@code bindDn}, {@code password}: simple bind credentials, both or neither (anonymous). The
 *       password is a secret: never logged nor put in a message.
 *   <li>{@code accounts.base} (required): the DN under which accounts are created and searched
 *       (whole subtree).
 *   <li>{@code accounts.rdn}: the naming attribute; its value is the account name. Default {@code
 *       uid}.
 *   <li>{@code accounts.objectClasses}: comma-separated object classes of new accounts; accounts
 *       are searched as entries having all of them. Default {@code
 *       top,person,organizationalPerson,inetOrgPerson}.
 *   <li>{@code accounts.attributes}: comma-separated attributes read from accounts, {@code *} for
 *       every user attribute (default). The naming and disable attributes are always read. On
 *       Active Directory list the managed ones: {@code *} also brings its bookkeeping attributes
 *       ({@code whenChanged}, {@code uSNChanged}, {@code badPasswordTime}, ...), which change on
 *       every write or bind.
 *   <li>{@code groups.base} (required): the DN under which groups (entitlements) live.
 *   <li>{@code groups.rdn}: the naming attribute of groups; its value is the entitlement name.
 *       Default {@code cn}.
 *   <li>{@code groups.objectClass}: default {@code groupOfNames}.
 *   <li>{@code groups.memberAttribute}: the attribute holding member DNs. Default {@code member}.
 *   <li>{@code groups.create}: {@code true} (default) creates a missing group on the first grant;
 *       {@code false} fails such a grant with NOT_FOUND.
 *   <li>{@code groups.lastMember}: what revoking a group's last member does when the server refuses
 *       an empty group (groupOfNames requires a member): {@code delete} deletes the group (default
 *       when {@code groups.create} is true), {@code placeholder} swaps in {@code
 *       groups.placeholderMember} (default when {@code groups.create} is false; removed again on
 *       the next grant).
 *   <li>{@code groups.placeholderMember}: a DN; default {@code
 *       cn=tenure-placeholder,<groups.base>}.
 *   <li>{@code disable.style}: {@code attribute} (default): the account is disabled while {@code
 *       disable.attribute} is present; {@code userAccountControl} (Active Directory): bit 0x2 of
 *       the integer attribute {@code disable.attribute} is set or cleared, other bits kept.
 *   <li>{@code disable.attribute}: default {@code pwdAccountLockedTime} (style attribute) or {@code
 *       userAccountControl}.
 *   <li>{@code disable.value}: the value written to disable with style attribute. Default {@code
 *       000001010000Z} (an OpenLDAP ppolicy permanent lock).
 *   <li>{@code pool.size}: pooled connections kept, and the most requests one batch sends in
 *       parallel. Default 4.
 *   <li>{@code batch.size}: the most operations of one batch ({@link
 *       io.tenure.connector.spi.BatchCapability}); 1 turns batching off. Default 1000.
 *   <li>{@code batch.maxValues}: the most member values one add or modify of a batch carries.
 *       Default 100,000.
 *   <li>{@code batch.maxBytes}: the most bytes of member values one add or modify of a batch
 *       carries (the add of a missing group too; revokes as well). Default 4,000,000: a request
 *       stays below OpenLDAP's documented limit for a bound client ({@code
 *       olcSockbufMaxIncomingAuth}, 4,194,303 bytes), over which slapd closes the connection.
 *   <li>{@code batch.maxGrants}: the most grants of one group one batch takes (the engine gathers
 *       them, {@link io.tenure.connector.spi.BatchCapability#maxGrantsOfOneEntitlement()}). Default
 *       100,000.
 *   <li>{@code page.size}: entries per page of paged searches. Default 500.
 *   <li>{@code timeout.seconds}: connect and response timeout. Default 30.
 * </ul>
 *
 * A missing or invalid setting fails with a CONFIGURATION error naming the key. Other keys are
 * ignored. The connector is created even when the server is down; {@code test()} checks it.
 */
public final class LdapConnectorFactory implements ConnectorFactory {

  /** The connector type name. */
  public static final String TYPE = "ldap";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public LdapConnector create(ConnectorConfiguration configuration) {
    return new LdapConnector(LdapSettings.from(configuration));
  }
}
