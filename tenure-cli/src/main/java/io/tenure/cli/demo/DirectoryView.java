package io.tenure.cli.demo;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a directory the way a person would check it after a run: an account with its enabled flag
 * and groups, and how many accounts and group members there are. Independent of the connector, so
 * that it checks the connector's work rather than repeating it.
 *
 * @param url the directory's URL
 * @param bindDn who to bind as
 * @param password the bind password
 * @param peopleBase where accounts live (uid naming)
 * @param groupsBase where groups live (groupOfNames, cn naming)
 * @param disableAttribute the attribute whose presence means disabled
 */
public record DirectoryView(
    String url,
    String bindDn,
    String password,
    String peopleBase,
    String groupsBase,
    String disableAttribute) {

  /** An account as the directory holds it. */
  public record AccountView(String uid, String commonName, boolean enabled, List<String> groups) {}

  /** The account named {@code uid}, if it exists. */
  public Optional<AccountView> account(String uid) {
    try (LDAPConnection connection = connect()) {
      SearchResultEntry entry =
          connection.searchForEntry(
              peopleBase,
              SearchScope.ONE,
              Filter.createEqualityFilter("uid", uid),
              "uid",
              "cn",
              disableAttribute);
      if (entry == null) {
        return Optional.empty();
      }
      List<String> groups = new TreeSet<>(groupsOf(connection, entry.getDN())).stream().toList();
      return Optional.of(
          new AccountView(
              uid, entry.getAttributeValue("cn"), !entry.hasAttribute(disableAttribute), groups));
    } catch (LDAPException e) {
      throw new IllegalStateException("cannot read the directory: " + e.getMessage(), e);
    }
  }

  /** How many accounts there are, how many are enabled, and each group's member count. */
  public Census census() {
    try (LDAPConnection connection = connect()) {
      List<SearchResultEntry> people =
          connection
              .search(
                  new SearchRequest(
                      peopleBase,
                      SearchScope.ONE,
                      Filter.createEqualityFilter("objectClass", "inetOrgPerson"),
                      "uid",
                      disableAttribute))
              .getSearchEntries();
      long enabled = people.stream().filter(entry -> !entry.hasAttribute(disableAttribute)).count();
      Map<String, Integer> groups = new TreeMap<>();
      for (SearchResultEntry group :
          connection
              .search(
                  new SearchRequest(
                      groupsBase,
                      SearchScope.ONE,
                      Filter.createEqualityFilter("objectClass", "groupOfNames"),
                      "cn",
                      "member"))
              .getSearchEntries()) {
        String[] members = group.getAttributeValues("member");
        groups.put(group.getAttributeValue("cn"), members == null ? 0 : members.length);
      }
      return new Census(people.size(), (int) enabled, groups);
    } catch (LDAPException e) {
      throw new IllegalStateException("cannot read the directory: " + e.getMessage(), e);
    }
  }

  /** Accounts and group sizes. */
  public record Census(int accounts, int enabled, Map<String, Integer> groupMembers) {}

  private List<String> groupsOf(LDAPConnection connection, String memberDn) throws LDAPException {
    return connection
        .search(
            new SearchRequest(
                groupsBase, SearchScope.ONE, Filter.createEqualityFilter("member", memberDn), "cn"))
        .getSearchEntries()
        .stream()
        .map(entry -> entry.getAttributeValue("cn"))
        .toList();
  }

  private LDAPConnection connect() throws LDAPException {
    LDAPURL parsed = new LDAPURL(url);
    return new LDAPConnection(parsed.getHost(), parsed.getPort(), bindDn, password);
  }
}
