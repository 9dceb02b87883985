package io.tenure.connector.ldap;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.tenure.connector.spi.ConnectorConfiguration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The shared OpenLDAP of the integration tests ({@code tenure.it.ldap.url}, default
 * ldap://127.0.0.1:3389, started by start-openldap.sh). Tests touch only entries whose names start
 * with their own namespace.
 */
final class OpenLdap {

  static final String URL = System.getProperty("tenure.it.ldap.url", "ldap://127.0.0.1:3389");
  static final String ADMIN = "cn=admin,dc=example,dc=com";
  static final String PASSWORD = "secret";
  static final String PEOPLE = "ou=people,dc=example,dc=com";
  static final String GROUPS = "ou=groups,dc=example,dc=com";

  private OpenLdap() {}

  static ConnectorConfiguration configuration(Map<String, String> overrides) {
    Map<String, String> settings = new HashMap<>();
    settings.put("url", URL);
    settings.put("bindDn", ADMIN);
    settings.put("password", PASSWORD);
    settings.put("accounts.base", PEOPLE);
    settings.put("groups.base", GROUPS);
    settings.put("page.size", "25");
    settings.put("pool.size", "2");
    settings.put("timeout.seconds", "10");
    settings.putAll(overrides);
    return new ConnectorConfiguration("openldap-it", settings, Set.of("password"));
  }

  static LdapConnector connector(Map<String, String> overrides) {
    return new LdapConnectorFactory().create(configuration(overrides));
  }

  static LDAPConnection adminConnection() throws LDAPException {
    LDAPURL url = new LDAPURL(URL);
    return new LDAPConnection(url.getHost(), url.getPort(), ADMIN, PASSWORD);
  }

  /** Deletes every group and account whose naming value contains the namespace. */
  static void deleteNamespace(String namespace) {
    try (LDAPConnection connection = adminConnection()) {
      for (String[] base : new String[][] {{GROUPS, "cn"}, {PEOPLE, "uid"}}) {
        Filter filter = Filter.createSubstringFilter(base[1], null, new String[] {namespace}, null);
        for (SearchResultEntry entry :
            connection.search(base[0], SearchScope.ONE, filter, "1.1").getSearchEntries()) {
          connection.delete(entry.getDN());
        }
      }
    } catch (LDAPException e) {
      throw new AssertionError("clean-up of " + namespace + " failed", e);
    }
  }

  /** How many groups and accounts still carry the namespace. */
  static int countNamespace(String namespace) {
    try (LDAPConnection connection = adminConnection()) {
      int count = 0;
      for (String[] base : new String[][] {{GROUPS, "cn"}, {PEOPLE, "uid"}}) {
        Filter filter = Filter.createSubstringFilter(base[1], null, new String[] {namespace}, null);
        count += connection.search(base[0], SearchScope.ONE, filter, "1.1").getEntryCount();
      }
      return count;
    } catch (LDAPException e) {
      throw new AssertionError(e);
    }
  }
}
