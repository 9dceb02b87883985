package io.tenure.server.guard;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.tenure.cli.demo.DirectoryView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A fresh organisational unit (people, groups) on the shared OpenLDAP, removed by close. */
public final class LdapUnit implements AutoCloseable {

  static final String URL = System.getProperty("tenure.it.ldap.url", "ldap://127.0.0.1:3389");
  static final String ADMIN = "cn=admin,dc=example,dc=com";
  static final String PASSWORD = "secret";

  final String unit;

  public LdapUnit(String prefix) throws Exception {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    unit = "ou=" + name + ",dc=example,dc=com";
    try (LDAPConnection connection = connect()) {
      connection.add("dn: " + unit, "objectClass: organizationalUnit", "ou: " + name);
      connection.add("dn: ou=people," + unit, "objectClass: organizationalUnit", "ou: people");
      connection.add("dn: ou=groups," + unit, "objectClass: organizationalUnit", "ou: groups");
    }
  }

  static LDAPConnection connect() throws LDAPException {
    LDAPURL url = new LDAPURL(URL);
    return new LDAPConnection(url.getHost(), url.getPort(), ADMIN, PASSWORD);
  }

  /** The demo configuration's variables, pointing at this unit. */
  public Map<String, String> variables() {
    return variables(unit);
  }

  /**
   * The demo configuration's variables, pointing at the unit {@code unit} of the shared OpenLDAP.
   */
  public static Map<String, String> variables(String unit) {
    return Map.of(
        "DEMO_LDAP_URL",
        URL,
        "DEMO_LDAP_PASSWORD",
        PASSWORD,
        "DEMO_PEOPLE_BASE",
        "ou=people," + unit,
        "DEMO_GROUPS_BASE",
        "ou=groups," + unit);
  }

  public DirectoryView view() {
    return new DirectoryView(
        URL, ADMIN, PASSWORD, "ou=people," + unit, "ou=groups," + unit, "pwdAccountLockedTime");
  }

  @Override
  public void close() throws LDAPException {
    try (LDAPConnection connection = connect()) {
      deleteSubtree(connection, unit);
    }
  }

  /**
   * Deletes the entry {@code dn} and everything under it. OpenLDAP has no subtree delete control,
   * so the deepest entries go first.
   */
  public static void deleteSubtree(LDAPConnection connection, String dn) throws LDAPException {
    List<DN> entries = new ArrayList<>();
    for (SearchResultEntry entry :
        connection
            .search(dn, SearchScope.SUB, Filter.createPresenceFilter("objectClass"), "1.1")
            .getSearchEntries()) {
      entries.add(entry.getParsedDN());
    }
    entries.sort(Comparator.comparingInt((DN entry) -> entry.getRDNs().length).reversed());
    for (DN entry : entries) {
      connection.delete(entry.toString());
    }
  }
}
