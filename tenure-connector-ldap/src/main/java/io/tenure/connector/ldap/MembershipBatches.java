package io.tenure.connector.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.PostReadRequestControl;
import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.BatchResult;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Many grants (or many revokes) of one group as one modify of many member values: the bulk form of
 * {@link GroupMemberships#grant} and {@link GroupMemberships#revoke}, with each account's own
 * outcome, the one the single call would have had.
 *
 * <p>A grant of many accounts first checks that they exist (searches under {@code accounts.base}
 * for their names, {@link LdapSettings#FILTER_VALUES} a search; an account the search does not find
 * is read on its own, and one that does not exist fails with NOT_FOUND as singly), then adds the
 * existing accounts' DNs in as few requests as {@code batch.maxValues} and {@code batch.maxBytes}
 * allow, usually one (the add that creates a missing group carries no more than one modify). A
 * missing group is created by the first of them, an add with its members (when {@code
 * groups.create} is true, with the marker), as {@code ldapadd} of a whole group does: OpenLDAP then
 * only sorts the values, where every modify compares each added value with each one the group
 * holds. A group created meanwhile by another request gets the members by modify. Members already
 * there are success, as singly: when the server refuses the modify because a value exists, the
 * group's members are read and only the absent ones are added, again in one modify. A revoke of
 * many deletes their DNs in one modify per {@code batch.maxBytes} of values; DNs that are not
 * members are success, and a group the server would leave empty, or anything unusual, goes through
 * the single revoke of each account, so the last-member policy and its ownership rule ({@code
 * groups.lastMember}, the marker) apply exactly as singly.
 *
 * <p>A modify is atomic: when it fails because the target is unreachable, timed out or busy, no
 * value of it was written, and every account of it gets that (retryable) error; any other failure
 * of a grouped request falls back to the single call of each account, so that one bad member cannot
 * fail the others.
 */
final class MembershipBatches {

  private final Directory directory;
  private final DirectoryNames names;
  private final GroupMemberships memberships;
  private final LastMembers lastMembers;
  private final LdapSettings settings;

  MembershipBatches(
      Directory directory,
      DirectoryNames names,
      GroupMemberships memberships,
      LastMembers lastMembers) {
    this.directory = directory;
    this.names = names;
    this.memberships = memberships;
    this.lastMembers = lastMembers;
    this.settings = directory.settings();
  }

  /**
   * Grants the entitlement to every account (any number: sent in parts); one result per account, in
   * order, each what {@link GroupMemberships#grant} would have returned or thrown.
   */
  List<BatchResult> grant(String entitlement, List<AccountReference> accounts) {
    return change(entitlement, accounts, true);
  }

  /**
   * Revokes the entitlement from every account (at most {@code batch.maxValues}; sent in modifies
   * of at most {@code batch.maxBytes} of values); one result per account, in order, each what
   * {@link GroupMemberships#revoke} would have returned or thrown.
   */
  List<BatchResult> revoke(String entitlement, List<AccountReference> accounts) {
    return change(entitlement, accounts, false);
  }

  private List<BatchResult> change(
      String entitlement, List<AccountReference> accounts, boolean granted) {
    BatchResult[] results = new BatchResult[accounts.size()];
    Map<DN, Integer> members = new LinkedHashMap<>();
    Set<Integer> single = new LinkedHashSet<>();
    for (int index = 0; index < accounts.size(); index++) {
      try {
        DN member = names.accountDn(accounts.get(index));
        if (members.putIfAbsent(member, index) != null) {
          single.add(index); // the same DN twice: the single call tells what the second gets
        }
      } catch (ConnectorException e) {
        results[index] = BatchResult.failed(e);
      }
    }
    if (!members.isEmpty()) {
      try {
        DN group = names.groupDn(entitlement);
        if (granted) {
          addMembers(group, entitlement, members, accounts, results);
        } else {
          for (Map<DN, Integer> part : parts(members)) {
            removeMembers(group, part, results);
          }
        }
      } catch (ConnectorException e) {
        members.values().forEach(index -> results[index] = BatchResult.failed(e));
      }
    }
    for (int index = 0; index < results.length; index++) {
      if (results[index] == null) {
        single.add(index);
      }
    }
    for (int index : single) {
      results[index] = singly(accounts.get(index), entitlement, granted);
    }
    return Arrays.asList(results);
  }

  /**
   * Sets the result of every member it decides; the members it leaves without a result go through
   * the single grant. The existing accounts are added in parts of at most {@code batch.maxValues}
   * values and {@code batch.maxBytes} bytes, each part one modify, or, when the group is missing,
   * the first part the add that creates it; each part stands or falls alone.
   */
  private void addMembers(
      DN group,
      String entitlement,
      Map<DN, Integer> members,
      List<AccountReference> accounts,
      BatchResult[] results) {
    Map<DN, Integer> existing = new LinkedHashMap<>();
    Set<DN> found = existingAccounts(members.keySet());
    for (Map.Entry<DN, Integer> member : members.entrySet()) {
      if (found.contains(member.getKey())) {
        existing.put(member.getKey(), member.getValue());
      } else if (directory.entry(member.getKey(), Directory.NO_ATTRIBUTES) != null) {
        existing.put(member.getKey(), member.getValue());
      } else {
        results[member.getValue()] =
            BatchResult.failed(directory.notFound(accounts.get(member.getValue())));
      }
    }
    List<Integer> added = new ArrayList<>();
    for (Map<DN, Integer> part : parts(existing)) {
      if (addPart(group, entitlement, part, results)) {
        added.addAll(part.values());
      }
    }
    if (added.isEmpty()) {
      return;
    }
    BatchResult outcome = BatchResult.done();
    if (settings.lastMember() == LdapSettings.LastMemberPolicy.PLACEHOLDER
        && !(existing.size() == 1 && existing.containsKey(settings.placeholderMember()))) {
      try {
        directory.modifyIgnoring(
            memberModify(group, ModificationType.DELETE, Set.of(settings.placeholderMember())),
            "removing the placeholder from " + group,
            ResultCode.NO_SUCH_ATTRIBUTE);
      } catch (ConnectorException e) {
        outcome = BatchResult.failed(e);
      }
    }
    for (int index : added) {
      results[index] = outcome;
    }
  }

  /**
   * Adds one part's members to the group in one request: a modify, or the add of the group with
   * them when it is missing (with the marker; when somebody created it meanwhile, the modify
   * again). Members already there are success: when the server refuses the modify because a value
   * exists, the group's members are read and only the absent ones added. Returns whether the part's
   * members are in the group; when the request failed as a whole (unreachable, timed out, busy),
   * each member of the part gets that error; otherwise (false, no result set) each goes through the
   * single grant, so one bad member cannot fail the others.
   */
  private boolean addPart(
      DN group, String entitlement, Map<DN, Integer> part, BatchResult[] results) {
    try {
      try {
        directory.pool().modify(memberModify(group, ModificationType.ADD, part.keySet()));
      } catch (LDAPException e) {
        ResultCode code = e.getResultCode();
        if (code.equals(ResultCode.NO_SUCH_OBJECT)) {
          if (!settings.groupsCreate()) {
            return false; // each single grant fails with NOT_FOUND, naming the setting
          }
          createGroup(group, entitlement, part);
        } else if (code.equals(ResultCode.ATTRIBUTE_OR_VALUE_EXISTS)
            || code.equals(ResultCode.ENTRY_ALREADY_EXISTS)) {
          // some are members already (Active Directory answers entryAlreadyExists): add the others
          addAbsent(group, part);
        } else {
          throw e;
        }
      }
      return true;
    } catch (LDAPException e) {
      if (wholeRequestFailed(e)) {
        ConnectorException failure = directory.failure("adding members to " + group, e);
        part.values().forEach(index -> results[index] = BatchResult.failed(failure));
      }
      return false;
    }
  }

  /** Creates the missing group with the members; if it exists by now, adds them to it. */
  private void createGroup(DN group, String entitlement, Map<DN, Integer> part)
      throws LDAPException {
    try {
      directory.pool().add(newGroup(group, entitlement, part.keySet()));
    } catch (LDAPException e) {
      if (!e.getResultCode().equals(ResultCode.ENTRY_ALREADY_EXISTS)) {
        throw e;
      }
      try {
        directory.pool().modify(memberModify(group, ModificationType.ADD, part.keySet()));
      } catch (LDAPException again) {
        if (!again.getResultCode().equals(ResultCode.ATTRIBUTE_OR_VALUE_EXISTS)) {
          throw again;
        }
        addAbsent(group, part);
      }
    }
  }

  /** Adds the members the group does not hold yet (read first), in one modify. */
  private void addAbsent(DN group, Map<DN, Integer> part) throws LDAPException {
    Map<DN, Integer> absent = without(part, currentMembers(group));
    if (!absent.isEmpty()) {
      directory.pool().modify(memberModify(group, ModificationType.ADD, absent.keySet()));
    }
  }

  /**
   * The members in parts of at most {@code batch.maxValues} values and {@code batch.maxBytes} bytes
   * of values (each value counted with a few bytes of encoding), in order; one value alone is a
   * part whatever its size.
   */
  List<Map<DN, Integer>> parts(Map<DN, Integer> members) {
    List<Map<DN, Integer>> parts = new ArrayList<>();
    Map<DN, Integer> part = new LinkedHashMap<>();
    long bytes = 0;
    for (Map.Entry<DN, Integer> member : members.entrySet()) {
      long size = member.getKey().toString().getBytes(StandardCharsets.UTF_8).length + 4L;
      if (!part.isEmpty()
          && (part.size() >= settings.batchMaxValues()
              || bytes + size > settings.batchMaxBytes())) {
        parts.add(part);
        part = new LinkedHashMap<>();
        bytes = 0;
      }
      part.put(member.getKey(), member.getValue());
      bytes += size;
    }
    if (!part.isEmpty()) {
      parts.add(part);
    }
    return parts;
  }

  /**
   * Sets the result of every member it decides; the members it leaves without a result go through
   * the single revoke.
   */
  private void removeMembers(DN group, Map<DN, Integer> members, BatchResult[] results) {
    Map<DN, Integer> present = members;
    try {
      LDAPResult result;
      try {
        result = directory.pool().modify(removal(group, members.keySet()));
      } catch (LDAPException e) {
        ResultCode code = e.getResultCode();
        if (code.equals(ResultCode.NO_SUCH_OBJECT)) {
          members.values().forEach(index -> results[index] = BatchResult.done());
          return;
        }
        if (!code.equals(ResultCode.NO_SUCH_ATTRIBUTE)) {
          throw e;
        }
        // some are not members: remove the others
        Set<DN> current = currentMembers(group);
        present = new LinkedHashMap<>(members);
        present.keySet().retainAll(current);
        for (Map.Entry<DN, Integer> member : members.entrySet()) {
          if (!current.contains(member.getKey())) {
            results[member.getValue()] = BatchResult.done();
          }
        }
        if (present.isEmpty()) {
          return;
        }
        result = directory.pool().modify(removal(group, present.keySet()));
      }
      lastMembers.afterRemoval(group, result);
    } catch (LDAPException e) {
      if (wholeRequestFailed(e)) {
        ConnectorException failure = directory.failure("removing members from " + group, e);
        present.values().forEach(index -> results[index] = BatchResult.failed(failure));
      }
      return; // otherwise (the last member, Active Directory's refusals) each single revoke
    } catch (ConnectorException e) {
      present.values().forEach(index -> results[index] = BatchResult.failed(e));
      return;
    }
    present.values().forEach(index -> results[index] = BatchResult.done());
  }

  /**
   * Which of the DNs are entries: one search under {@code accounts.base} for the naming values of
   * those named {@code <accounts.rdn>=...}. A DN it does not return may still exist elsewhere (a
   * native id outside the base): the caller reads those on their own.
   */
  private Set<DN> existingAccounts(Set<DN> members) {
    Set<DN> found = new HashSet<>();
    List<DN> all = new ArrayList<>(members);
    for (int start = 0; start < all.size(); start += LdapSettings.FILTER_VALUES) {
      found.addAll(
          existingAccountsOf(
              all.subList(start, Math.min(all.size(), start + LdapSettings.FILTER_VALUES))));
    }
    return found;
  }

  /** {@link #existingAccounts} of at most {@link LdapSettings#FILTER_VALUES} DNs: one search. */
  private Set<DN> existingAccountsOf(List<DN> members) {
    List<Filter> named = new ArrayList<>();
    for (DN member : members) {
      RDN rdn = member.getRDN();
      if (rdn != null && rdn.getAttributeNames().length == 1) {
        String attribute = rdn.getAttributeNames()[0];
        if (attribute.equalsIgnoreCase(settings.accountsRdn())) {
          named.add(Filter.createEqualityFilter(attribute, rdn.getAttributeValues()[0]));
        }
      }
    }
    Set<DN> found = new HashSet<>();
    if (named.isEmpty()) {
      return found;
    }
    try {
      for (SearchResultEntry entry :
          directory
              .pool()
              .search(
                  new SearchRequest(
                      settings.accountsBase().toString(),
                      SearchScope.SUB,
                      Filter.createORFilter(named),
                      Directory.NO_ATTRIBUTES))
              .getSearchEntries()) {
        found.add(names.parsedDn(entry));
      }
    } catch (LDAPException e) {
      if (wholeRequestFailed(e)) {
        throw directory.failure("searching the accounts to add to a group", e);
      }
      // anything else: every account is read on its own
    }
    found.retainAll(new HashSet<>(members));
    return found;
  }

  /** The DNs the group's member attribute holds now (none when it has no such entry). */
  private Set<DN> currentMembers(DN group) {
    Entry entry = directory.entry(group, settings.groupsMemberAttribute());
    return entry == null ? Set.of() : new HashSet<>(names.memberDns(entry));
  }

  private static Map<DN, Integer> without(Map<DN, Integer> members, Set<DN> present) {
    Map<DN, Integer> absent = new LinkedHashMap<>(members);
    absent.keySet().removeAll(present);
    return absent;
  }

  private Entry newGroup(DN group, String entitlement, Set<DN> members) {
    Entry entry = new Entry(group);
    entry.addAttribute(Directory.OBJECT_CLASS, "top", settings.groupsObjectClass());
    entry.addAttribute(settings.groupsRdn(), entitlement);
    entry.addAttribute(
        settings.groupsMemberAttribute(), members.stream().map(DN::toString).toList());
    entry.addAttribute(settings.groupsMarkerAttribute(), settings.groupsMarkerValue());
    return entry;
  }

  private ModifyRequest memberModify(DN group, ModificationType type, Set<DN> members) {
    return new ModifyRequest(
        group,
        new Modification(
            type,
            settings.groupsMemberAttribute(),
            members.stream().map(DN::toString).toArray(String[]::new)));
  }

  private ModifyRequest removal(DN group, Set<DN> members) {
    ModifyRequest request = memberModify(group, ModificationType.DELETE, members);
    request.addControl(new PostReadRequestControl(false, settings.groupsMemberAttribute()));
    return request;
  }

  /**
   * Whether the failure says the request never took effect for a reason that is no member's: the
   * target unreachable, timed out or busy. Then each member gets that error rather than a single
   * call that would meet the same.
   */
  private static boolean wholeRequestFailed(LDAPException e) {
    ErrorKind kind = ResultCodes.kindOf(e.getResultCode());
    return kind == ErrorKind.CONNECTION
        || kind == ErrorKind.TIMEOUT
        || (kind == ErrorKind.BUSY && !e.getResultCode().equals(ResultCode.ADMIN_LIMIT_EXCEEDED));
  }

  private BatchResult singly(AccountReference account, String entitlement, boolean granted) {
    try {
      if (granted) {
        memberships.grant(account, entitlement);
      } else {
        memberships.revoke(account, entitlement);
      }
      return BatchResult.done();
    } catch (ConnectorException e) {
      return BatchResult.failed(e);
    }
  }
}
