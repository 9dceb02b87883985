package io.tenure.connector.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.spi.RemoteAccount;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Looks accounts up by name under {@code accounts.base}, with the directory's matching rules (so
 * {@code uid}, caseIgnoreMatch, finds {@code alice} for {@code ALICE}) and filters built with
 * {@link Filter}'s factory methods, so that a name matches literally.
 */
final class NameLookups {

  private static final int NAMES_PER_SEARCH = 200;

  private final Directory directory;
  private final DirectoryNames names;
  private final AccountEntries accounts;
  private final GroupMemberships memberships;
  private final LdapSettings settings;

  NameLookups(
      Directory directory,
      DirectoryNames names,
      AccountEntries accounts,
      GroupMemberships memberships) {
    this.directory = directory;
    this.names = names;
    this.accounts = accounts;
    this.memberships = memberships;
    this.settings = directory.settings();
  }

  /**
   * The account named so, anywhere in the subtree: the one whose name is exactly the given one, or
   * else the only match; several matches and none exact fail with CONSTRAINT.
   */
  Optional<RemoteAccount> find(String name) {
    names.checked("account name", name);
    Filter filter =
        Filter.createANDFilter(
            accounts.filter(), Filter.createEqualityFilter(settings.accountsRdn(), name));
    SearchResult result;
    try {
      result =
          directory
              .pool()
              .search(
                  new SearchRequest(
                      settings.accountsBase().toString(),
                      SearchScope.SUB,
                      filter,
                      accounts.attributesRead()));
    } catch (LDAPException e) {
      throw directory.failure("searching for account '" + name + "'", e);
    }
    List<SearchResultEntry> entries = result.getSearchEntries();
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    SearchResultEntry chosen = null;
    for (SearchResultEntry entry : entries) {
      if (names.accountName(entry).equals(name)) {
        chosen = entry;
      }
    }
    if (chosen == null && entries.size() == 1) {
      chosen = entries.get(0);
    }
    if (chosen == null) {
      throw new ConnectorException(
          ErrorKind.CONSTRAINT,
          "target '"
              + settings.targetName()
              + "': "
              + entries.size()
              + " accounts match the name '"
              + name
              + "'");
    }
    DN dn = names.parsedDn(chosen);
    return Optional.of(accounts.toAccount(chosen, memberships.groupsContaining(dn).values()));
  }

  /**
   * Which of the names an entry under {@code accounts.base} already uses as its naming attribute,
   * whatever its object classes: one search for up to {@value #NAMES_PER_SEARCH} names. The answer
   * holds the names as given, compared ignoring case.
   */
  Set<String> namesInUse(Collection<String> candidates) {
    List<String> all = new ArrayList<>(candidates);
    Set<String> used = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (int from = 0; from < all.size(); from += NAMES_PER_SEARCH) {
      List<Filter> any = new ArrayList<>();
      for (String name : all.subList(from, Math.min(all.size(), from + NAMES_PER_SEARCH))) {
        any.add(
            Filter.createEqualityFilter(
                settings.accountsRdn(), names.checked("account name", name)));
      }
      SearchResult result;
      try {
        result =
            directory
                .pool()
                .search(
                    new SearchRequest(
                        settings.accountsBase().toString(),
                        SearchScope.SUB,
                        Filter.createORFilter(any),
                        settings.accountsRdn()));
      } catch (LDAPException e) {
        throw directory.failure("looking up account names under " + settings.accountsBase(), e);
      }
      for (SearchResultEntry entry : result.getSearchEntries()) {
        String[] values = entry.getAttributeValues(settings.accountsRdn());
        if (values != null) {
          used.addAll(List.of(values));
        }
      }
    }
    // directories compare names ignoring case: "JSmith" uses "jsmith"
    Set<String> answer = new TreeSet<>();
    for (String name : candidates) {
      if (used.contains(name)) {
        answer.add(name);
      }
    }
    return answer;
  }
}
