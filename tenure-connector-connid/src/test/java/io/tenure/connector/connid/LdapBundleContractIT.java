package io.tenure.connector.connid;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.testkit.ConnectorContractTest;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The shared connector contract through the real ConnId LDAP bundle 1.5.10 against the shared
 * OpenLDAP of the integration tests ({@code tenure.it.ldap.url}, default ldap://127.0.0.1:3389,
 * started by start-openldap.sh). Accounts are named by {@code uid} under ou=people, entitlements
 * are groupOfNames under ou=groups, a disabled account carries the ppolicy lock {@code
 * pwdAccountLockedTime}. Every name the contract uses starts with {@code connid} and is removed
 * after each case.
 */
class LdapBundleContractIT extends ConnectorContractTest {

  static final String URL = System.getProperty("tenure.it.ldap.url", "ldap://127.0.0.1:3389");
  static final String ADMIN = "cn=admin,dc=example,dc=com";
  static final String PASSWORD = "secret";
  static final String PEOPLE = "ou=people,dc=example,dc=com";
  static final String GROUPS = "ou=groups,dc=example,dc=com";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String namespace = "connid" + Long.toString(RANDOM.nextLong() >>> 28, 36);

  @Override
  protected String namespace() {
    return namespace;
  }

  @Override
  protected Connector newConnector() {
    return new ConnIdConnectorFactory().create(configuration());
  }

  @Override
  protected void assertResourcesReleased(Connector connector) {
    assertThat(CapabilityView.unwrap(connector).openStreams()).isZero();
  }

  @Override
  protected void cleanUp(String namespace) {
    int left = deleteNamespace(namespace);
    assertThat(left).as("entries the contract left under namespace %s", namespace).isZero();
  }

  /** A connid target running the LDAP bundle against the shared OpenLDAP. */
  static ConnectorConfiguration configuration() {
    LDAPURL url;
    try {
      url = new LDAPURL(URL);
    } catch (LDAPException e) {
      throw new IllegalStateException("tenure.it.ldap.url is not an LDAP URL: " + URL, e);
    }
    Map<String, String> settings = new HashMap<>();
    settings.put("bundle.path", TestBundles.FOLDER.toString());
    settings.put("bundle.name", TestBundles.LDAP);
    settings.put("configuration.host", url.getHost());
    settings.put("configuration.port", Integer.toString(url.getPort()));
    settings.put("configuration.principal", ADMIN);
    settings.put("configuration.credentials", PASSWORD);
    settings.put("configuration.baseContexts.0", "dc=example,dc=com");
    settings.put(
        "configuration.accountObjectClasses", "top,person,organizationalPerson,inetOrgPerson");
    settings.put("configuration.groupObjectClasses", "top,groupOfNames");
    settings.put("configuration.groupMemberAttribute", "member");
    settings.put("configuration.connectTimeout", "10000");
    settings.put("configuration.readTimeout", "30000");
    settings.put("accounts.nameAttribute", "uid");
    settings.put("accounts.nameTemplate", "uid={name}," + PEOPLE);
    settings.put("accounts.nameEscaping", "dn");
    // the bundle loses the escaping of these in DNs: it creates such an entry, then fails on it
    settings.put("names.rejectCharacters", "\"\\");
    settings.put("accounts.attributes", "uid,cn,sn,givenName,mail,title,description");
    settings.put("enabled.attribute", "pwdAccountLockedTime");
    settings.put("enabled.disabledValue", "000001010000Z");
    settings.put("entitlements.style", "group");
    settings.put("entitlements.nameAttribute", "cn");
    settings.put("entitlements.nameTemplate", "cn={name}," + GROUPS);
    settings.put("entitlements.nameEscaping", "dn");
    settings.put("entitlements.memberAttribute", "member");
    settings.put("entitlements.deleteEmpty", "true");
    settings.put("search.bufferSize", "25");
    settings.put("search.frameworkFilter", "false");
    settings.put("timeout.seconds", "30");
    return new ConnectorConfiguration(
        "contract-connid-ldap", settings, Set.of("configuration.credentials"));
  }

  /**
   * Deletes every group and account whose naming value contains the namespace; how many there were.
   */
  static int deleteNamespace(String namespace) {
    try (LDAPConnection connection = adminConnection()) {
      int count = 0;
      for (String[] base : new String[][] {{GROUPS, "cn"}, {PEOPLE, "uid"}}) {
        Filter filter = Filter.createSubstringFilter(base[1], null, new String[] {namespace}, null);
        for (SearchResultEntry entry :
            connection.search(base[0], SearchScope.ONE, filter, "1.1").getSearchEntries()) {
          connection.delete(entry.getDN());
          count++;
        }
      }
      return count;
    } catch (LDAPException e) {
      throw new AssertionError("clean-up of " + namespace + " failed", e);
    }
  }

  static LDAPConnection adminConnection() throws LDAPException {
    LDAPURL url = new LDAPURL(URL);
    return new LDAPConnection(url.getHost(), url.getPort(), ADMIN, PASSWORD);
  }
}
