package io.tenure.connector.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import org.jspecify.annotations.Nullable;

/**
 * The directory as a connector's parts use it: the settings and the connection pool, with the reads
 * and modifies every part needs, whose failures become {@link ConnectorException}s that name the
 * target and what was attempted (classified by {@link ResultCodes}). Thread-safe.
 */
final class Directory {

  /** The attribute every entry's object classes are in. */
  static final String OBJECT_CLASS = "objectClass";

  /** The attribute list that asks for no attributes (RFC 4511). */
  static final String NO_ATTRIBUTES = "1.1";

  private final LdapSettings settings;
  private final LDAPConnectionPool pool;

  Directory(LdapSettings settings, LDAPConnectionPool pool) {
    this.settings = settings;
    this.pool = pool;
  }

  LdapSettings settings() {
    return settings;
  }

  LDAPConnectionPool pool() {
    return pool;
  }

  /** The entry with the given attributes, or null when there is none. */
  @Nullable SearchResultEntry entry(DN dn, String... attributes) {
    try {
      return pool.getEntry(dn.toString(), attributes);
    } catch (LDAPException e) {
      if (e.getResultCode().equals(ResultCode.NO_SUCH_OBJECT)) {
        return null;
      }
      throw failure("reading " + dn, e);
    }
  }

  /**
   * Fails with NOT_FOUND, naming the referenced account, when there is no entry at the DN.
   *
   * @param dn the DN the reference resolves to
   */
  void requireAccount(DN dn, AccountReference account) {
    if (entry(dn, NO_ATTRIBUTES) == null) {
      throw notFound(account);
    }
  }

  void modify(ModifyRequest request, String attempted) {
    try {
      pool.modify(request);
    } catch (LDAPException e) {
      throw failure(attempted, e);
    }
  }

  /** Modifies, treating the one harmless result code as success (the change is already there). */
  void modifyIgnoring(ModifyRequest request, String attempted, ResultCode harmless) {
    try {
      pool.modify(request);
    } catch (LDAPException e) {
      if (!e.getResultCode().equals(harmless)) {
        throw failure(attempted, e);
      }
    }
  }

  /** Reads the root DSE and checks that {@code accounts.base} and {@code groups.base} exist. */
  void test() {
    try {
      if (pool.getRootDSE() == null) {
        throw new ConnectorException(
            ErrorKind.CONNECTION,
            "target '" + settings.targetName() + "': the server returned no root DSE");
      }
    } catch (LDAPException e) {
      throw failure("reading the root DSE", e);
    }
    requireBase("accounts.base", settings.accountsBase());
    requireBase("groups.base", settings.groupsBase());
  }

  private void requireBase(String key, DN base) {
    if (entry(base, NO_ATTRIBUTES) == null) {
      throw new ConnectorException(
          ErrorKind.CONFIGURATION,
          "target '" + settings.targetName() + "': setting '" + key + "': no entry " + base);
    }
  }

  ConnectorException notFound(AccountReference account) {
    return new ConnectorException(
        ErrorKind.NOT_FOUND,
        "target '" + settings.targetName() + "': account '" + account.name() + "' does not exist");
  }

  ConnectorException failure(String attempted, LDAPException e) {
    return ResultCodes.toConnectorException(settings.targetName(), attempted, e);
  }

  void close() {
    pool.close();
  }
}
