package io.tenure.connector.ldap;

import static org.assertj.core.api.Assertions.fail;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import io.tenure.connector.spi.ConnectorConfiguration;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared Samba AD domain controller of the integration tests, started once per test run by
 * {@code tools/start-samba-dc.sh} (from {@code ./run-tests}), which passes its facts as system
 * properties: {@code tenure.it.ad.url} (ldaps), {@code .bindDn}, {@code .passwordFile} (the
 * generated admin password), {@code .caFile} (the CA of its certificate) and {@code .baseDn}; or
 * {@code tenure.it.ad.unavailable} with the reason it could not start.
 *
 * <p>Tests work under {@code OU=tenure-it} (accounts in {@code OU=people}, groups in {@code
 * OU=groups}, created when missing) and touch only entries whose names hold their own namespace.
 * Without a DC the tests fail when the environment variable {@code CI} is {@code true}, and are
 * skipped with the reason otherwise.
 */
final class ActiveDirectory {

  static final String URL = property("tenure.it.ad.url");
  static final String BASE = property("tenure.it.ad.baseDn");
  static final String ROOT = "OU=tenure-it," + BASE;
  static final String PEOPLE = "OU=people," + ROOT;
  static final String GROUPS = "OU=groups," + ROOT;

  /** An OU inside the accounts base: accounts moved there are still found. */
  static final String MOVED = "OU=moved," + PEOPLE;

  /** An OU outside the accounts base. */
  static final String ELSEWHERE = "OU=elsewhere," + ROOT;

  /** The attributes the tests read from accounts ({@code accounts.attributes}). */
  static final String READ_ATTRIBUTES =
      "cn,sn,givenName,displayName,mail,title,description,url,sAMAccountName,"
          + "userPrincipalName,objectGUID";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static volatile boolean containersReady;

  private ActiveDirectory() {}

  /**
   * Fails (in CI) or skips (elsewhere) the calling tests when no DC was started, naming the reason;
   * otherwise makes sure the test OUs exist.
   */
  static void requireAvailable() {
    if (URL.isEmpty()) {
      String reason = property("tenure.it.ad.unavailable");
      String message =
          "Samba's AD domain controller is not available ("
              + (reason.isEmpty() ? "system property tenure.it.ad.url is not set" : reason)
              + "); ./run-tests starts one with tools/start-samba-dc.sh (needs root and Debian)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message);
      }
      System.err.println("[ActiveDirectory] skipped: " + message);
      Assumptions.abort(message);
    }
    ensureContainers();
  }

  /** Connector settings for the DC, in the documented Active Directory form, then overrides. */
  static ConnectorConfiguration configuration(Map<String, String> overrides) {
    Map<String, String> settings = new HashMap<>();
    settings.put("url", URL);
    settings.put("tls.caFile", property("tenure.it.ad.caFile"));
    settings.put("bindDn", property("tenure.it.ad.bindDn"));
    settings.put("password", adminPassword());
    settings.put("accounts.base", PEOPLE);
    settings.put("accounts.rdn", "cn");
    settings.put("accounts.objectClasses", "top,person,organizationalPerson,user");
    settings.put("accounts.attributes", READ_ATTRIBUTES);
    settings.put("groups.base", GROUPS);
    settings.put("groups.rdn", "cn");
    settings.put("groups.objectClass", "group");
    settings.put("disable.style", "userAccountControl");
    settings.put("page.size", "25");
    settings.put("pool.size", "2");
    settings.put("timeout.seconds", "20");
    settings.putAll(overrides);
    return new ConnectorConfiguration("samba-ad-it", settings, Set.of("password"));
  }

  static LdapConnector connector(Map<String, String> overrides) {
    return new LdapConnectorFactory().create(configuration(overrides));
  }

  /** A password AD's default policy accepts (upper, lower, digit, symbol, 12+ characters). */
  static String newPassword() {
    return "Pw-" + Long.toString(RANDOM.nextLong() >>> 1, 36) + "-9aZ";
  }

  /** An admin connection over LDAPS that trusts only the DC's test CA. */
  static LDAPConnection adminConnection() throws LDAPException {
    LDAPConnection connection = connection();
    connection.bind(property("tenure.it.ad.bindDn"), adminPassword());
    return connection;
  }

  /** The result of a simple bind as {@code name} (a DN or a user principal name). */
  static LDAPResult bind(String name, String password) throws LDAPException {
    try (LDAPConnection connection = connection()) {
      return connection.bind(name, password);
    } catch (LDAPException e) {
      return e.toLDAPResult();
    }
  }

  /** Deletes every entry under {@code OU=tenure-it} whose cn holds the namespace, deepest first. */
  static void deleteNamespace(String namespace) {
    try (LDAPConnection connection = adminConnection()) {
      List<DN> found = new ArrayList<>();
      for (SearchResultEntry entry : namespaceEntries(connection, namespace)) {
        found.add(entry.getParsedDN());
      }
      found.sort(Comparator.comparingInt((DN dn) -> dn.getRDNs().length).reversed());
      for (DN dn : found) {
        try {
          connection.delete(dn.toString());
        } catch (LDAPException e) {
          if (!e.getResultCode().equals(ResultCode.NO_SUCH_OBJECT)) {
            throw e;
          }
        }
      }
    } catch (LDAPException e) {
      throw new AssertionError("clean-up of " + namespace + " failed", e);
    }
  }

  /** The DNs of accounts (not groups) under {@code OU=tenure-it} whose cn holds the namespace. */
  static List<String> accountsOf(String namespace) {
    try (LDAPConnection connection = adminConnection()) {
      List<String> accounts = new ArrayList<>();
      for (SearchResultEntry entry : namespaceEntries(connection, namespace)) {
        if (entry.hasObjectClass("user")) {
          accounts.add(entry.getDN());
        }
      }
      return accounts;
    } catch (LDAPException e) {
      throw new AssertionError(e);
    }
  }

  private static List<SearchResultEntry> namespaceEntries(
      LDAPConnection connection, String namespace) throws LDAPException {
    Filter filter = Filter.createSubstringFilter("cn", null, new String[] {namespace}, null);
    return connection.search(ROOT, SearchScope.SUB, filter, "objectClass").getSearchEntries();
  }

  private static void ensureContainers() {
    if (containersReady) {
      return;
    }
    try (LDAPConnection connection = adminConnection()) {
      for (String ou : List.of(ROOT, PEOPLE, GROUPS, MOVED, ELSEWHERE)) {
        if (connection.getEntry(ou, "1.1") == null) {
          try {
            connection.add("dn: " + ou, "objectClass: top", "objectClass: organizationalUnit");
          } catch (LDAPException e) {
            if (!e.getResultCode().equals(ResultCode.ENTRY_ALREADY_EXISTS)) {
              throw e;
            }
          }
        }
      }
      containersReady = true;
    } catch (LDAPException | com.unboundid.ldif.LDIFException e) {
      throw new AssertionError("cannot prepare " + ROOT + " on " + URL, e);
    }
  }

  private static LDAPConnection connection() throws LDAPException {
    LDAPURL url = new LDAPURL(URL);
    try {
      SSLUtil tls = new SSLUtil(new PEMFileTrustManager(new File(property("tenure.it.ad.caFile"))));
      LDAPConnection connection = new LDAPConnection(tls.createSSLSocketFactory());
      connection.getConnectionOptions().setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
      connection.connect(url.getHost(), url.getPort(), 20_000);
      return connection;
    } catch (GeneralSecurityException e) {
      throw new AssertionError("cannot trust " + property("tenure.it.ad.caFile"), e);
    }
  }

  private static String adminPassword() {
    try {
      return Files.readString(Path.of(property("tenure.it.ad.passwordFile"))).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read tenure.it.ad.passwordFile", e);
    }
  }

  private static String property(String name) {
    return System.getProperty(name, "").trim();
  }
}
