package io.tenure.connector.ldap;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One connection to a directory for looking at it before Tenure manages it ({@code tenure init},
 * {@code tenure check}): its naming contexts, whether an entry exists, and whether its schema knows
 * attribute types and object classes. It never writes. For {@code ldaps}, {@code tenure init} only
 * reads the root DSE before a trust store is configured, so the certificate is not checked here;
 * the connector itself always checks it.
 */
public final class LdapProbe implements AutoCloseable {

  private final LDAPConnection connection;

  private LdapProbe(LDAPConnection connection) {
    this.connection = connection;
  }

  /**
   * Connects and binds (anonymously when {@code bindDn} is null).
   *
   * @throws ConnectorException naming what failed: the URL, the connection or the bind
   */
  public static LdapProbe connect(String url, @Nullable String bindDn, @Nullable String password) {
    LDAPURL parsed;
    try {
      parsed = new LDAPURL(url);
    } catch (LDAPException e) {
      throw new ConnectorException(
          ErrorKind.CONFIGURATION, url + " is not an LDAP URL such as ldap://host:389");
    }
    LDAPConnection connection;
    try {
      connection =
          parsed.getScheme().equalsIgnoreCase("ldaps")
              ? new LDAPConnection(
                  new SSLUtil(new TrustAllTrustManager()).createSSLSocketFactory(),
                  parsed.getHost(),
                  parsed.getPort())
              : new LDAPConnection(parsed.getHost(), parsed.getPort());
    } catch (LDAPException | GeneralSecurityException e) {
      throw new ConnectorException(
          ErrorKind.CONNECTION, "cannot connect to " + url + ": " + e.getMessage());
    }
    if (bindDn != null) {
      try {
        connection.bind(bindDn, password == null ? "" : password);
      } catch (LDAPException e) {
        connection.close();
        throw new ConnectorException(
            ErrorKind.PERMISSION,
            "cannot bind to " + url + " as " + bindDn + ": " + e.getResultCode().getName());
      }
    }
    return new LdapProbe(connection);
  }

  /** The directory's naming contexts (its suffixes, such as {@code dc=example,dc=com}). */
  public List<String> namingContexts() {
    try {
      RootDSE root = connection.getRootDSE();
      if (root == null || root.getNamingContextDNs() == null) {
        return List.of();
      }
      return List.of(root.getNamingContextDNs());
    } catch (LDAPException e) {
      throw new ConnectorException(
          ErrorKind.CONNECTION, "cannot read the root DSE: " + e.getMessage());
    }
  }

  /** Whether an entry of this DN exists (and the bound user may see it). */
  public boolean exists(String dn) {
    try {
      SearchResultEntry entry = connection.getEntry(dn, "1.1");
      return entry != null;
    } catch (LDAPException e) {
      if (e.getResultCode().equals(ResultCode.NO_SUCH_OBJECT)
          || e.getResultCode().equals(ResultCode.INVALID_DN_SYNTAX)) {
        return false;
      }
      throw new ConnectorException(
          ErrorKind.CONNECTION, "cannot read " + dn + ": " + e.getMessage());
    }
  }

  /** Of these attribute types, those the schema does not define (any case), in the given order. */
  public List<String> unknownAttributeTypes(Collection<String> names) {
    Schema schema = schema();
    List<String> unknown = new ArrayList<>();
    for (String name : names) {
      if (schema.getAttributeType(name.toLowerCase(Locale.ROOT)) == null) {
        unknown.add(name);
      }
    }
    return unknown;
  }

  /** Of these object classes, those the schema does not define (any case), in the given order. */
  public List<String> unknownObjectClasses(Collection<String> names) {
    Schema schema = schema();
    List<String> unknown = new ArrayList<>();
    for (String name : names) {
      if (schema.getObjectClass(name.toLowerCase(Locale.ROOT)) == null) {
        unknown.add(name);
      }
    }
    return unknown;
  }

  private Schema schema() {
    try {
      Schema schema = connection.getSchema();
      if (schema == null) {
        throw new ConnectorException(
            ErrorKind.CONFIGURATION, "the directory does not publish its schema");
      }
      return schema;
    } catch (LDAPException e) {
      throw new ConnectorException(
          ErrorKind.CONNECTION, "cannot read the schema: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    connection.close();
  }
}
