package io.tenure.connector.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.PostReadRequestControl;
import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entitlements as direct group memberships: granting adds the account DN to the group's member
 * attribute (creating a missing group with the marker when {@code groups.create} is true), revoking
 * deletes it, and losing a group's last member is left to {@link LastMembers}. Both are idempotent,
 * including on Active Directory, which answers an existing member with entryAlreadyExists (68) and
 * an absent one with unwillingToPerform (53).
 */
final class GroupMemberships {

  private final Directory directory;
  private final DirectoryNames names;
  private final LastMembers lastMembers;
  private final LdapSettings settings;

  GroupMemberships(Directory directory, DirectoryNames names, LastMembers lastMembers) {
    this.directory = directory;
    this.names = names;
    this.lastMembers = lastMembers;
    this.settings = directory.settings();
  }

  /**
   * Adds the account to the group: the account must exist (NOT_FOUND otherwise); a member already
   * there is success; a missing group is created with the account as its first member, or fails
   * with NOT_FOUND when {@code groups.create} is false. With {@code groups.lastMember: placeholder}
   * the placeholder member is removed again.
   */
  void grant(AccountReference account, String entitlement) {
    DN member = names.accountDn(account);
    DN group = names.groupDn(entitlement);
    directory.requireAccount(member, account);
    String attempted = "adding " + member + " to " + group;
    try {
      directory
          .pool()
          .modify(
              new ModifyRequest(
                  group,
                  new Modification(
                      ModificationType.ADD, settings.groupsMemberAttribute(), member.toString())));
    } catch (LDAPException e) {
      ResultCode code = e.getResultCode();
      if (code.equals(ResultCode.NO_SUCH_OBJECT)) {
        createGroupWith(group, entitlement, member);
      } else if (!code.equals(ResultCode.ATTRIBUTE_OR_VALUE_EXISTS)
          && !code.equals(ResultCode.ENTRY_ALREADY_EXISTS)) {
        // Active Directory answers an existing member with entryAlreadyExists (68)
        throw directory.failure(attempted, e);
      }
    }
    if (settings.lastMember() == LdapSettings.LastMemberPolicy.PLACEHOLDER
        && !member.equals(settings.placeholderMember())) {
      removeValueIfPresent(group, settings.placeholderMember());
    }
  }

  private void createGroupWith(DN group, String entitlement, DN member) {
    if (!settings.groupsCreate()) {
      throw new ConnectorException(
          ErrorKind.NOT_FOUND,
          "target '"
              + settings.targetName()
              + "': group "
              + group
              + " does not exist and groups.create is false");
    }
    Entry entry = new Entry(group);
    entry.addAttribute(Directory.OBJECT_CLASS, "top", settings.groupsObjectClass());
    entry.addAttribute(settings.groupsRdn(), entitlement);
    entry.addAttribute(settings.groupsMemberAttribute(), member.toString());
    entry.addAttribute(settings.groupsMarkerAttribute(), settings.groupsMarkerValue());
    try {
      directory.pool().add(entry);
    } catch (LDAPException e) {
      if (!e.getResultCode().equals(ResultCode.ENTRY_ALREADY_EXISTS)) {
        throw directory.failure("creating group " + group, e);
      }
      directory.modifyIgnoring(
          new ModifyRequest(
              group,
              new Modification(
                  ModificationType.ADD, settings.groupsMemberAttribute(), member.toString())),
          "adding " + member + " to " + group,
          ResultCode.ATTRIBUTE_OR_VALUE_EXISTS);
    }
  }

  /** Removes the account from the group; not a member, or no such group, is success. */
  void revoke(AccountReference account, String entitlement) {
    removeMember(names.groupDn(entitlement), names.accountDn(account), true);
  }

  /**
   * Removes the DN from every group that holds it, before the account is deleted. The last member
   * of a group Tenure did not create is left there.
   */
  void removeFromAllGroups(DN member) {
    for (DN group : groupsContaining(member).keySet()) {
      removeMember(group, member, false);
    }
  }

  /** The groups (DN to name) under {@code groups.base} whose member attribute holds the DN. */
  Map<DN, String> groupsContaining(DN member) {
    Filter filter =
        Filter.createANDFilter(
            Filter.createEqualityFilter(Directory.OBJECT_CLASS, settings.groupsObjectClass()),
            Filter.createEqualityFilter(settings.groupsMemberAttribute(), member.toString()));
    SearchResult result;
    try {
      result =
          directory
              .pool()
              .search(
                  new SearchRequest(
                      settings.groupsBase().toString(),
                      SearchScope.SUB,
                      filter,
                      settings.groupsRdn()));
    } catch (LDAPException e) {
      if (e.getResultCode().equals(ResultCode.NO_SUCH_OBJECT)) {
        return Map.of();
      }
      throw directory.failure("searching the groups of " + member, e);
    }
    Map<DN, String> groups = new LinkedHashMap<>();
    for (SearchResultEntry entry : result.getSearchEntries()) {
      DN dn = names.parsedDn(entry);
      String name = names.groupName(entry);
      if (name != null) {
        groups.put(dn, name);
      }
    }
    return groups;
  }

  /**
   * Whether any group under {@code groups.base} holds one of the DNs: one search, for the new
   * accounts of a batch, which almost never are members of anything (a group may still hold the DN
   * of a deleted entry on a server without referential integrity).
   */
  boolean anyGroupHolds(Collection<DN> members) {
    List<Filter> held = new ArrayList<>();
    for (DN member : members) {
      held.add(Filter.createEqualityFilter(settings.groupsMemberAttribute(), member.toString()));
    }
    Filter filter =
        Filter.createANDFilter(
            Filter.createEqualityFilter(Directory.OBJECT_CLASS, settings.groupsObjectClass()),
            Filter.createORFilter(held));
    try {
      return directory
              .pool()
              .search(
                  new SearchRequest(
                      settings.groupsBase().toString(),
                      SearchScope.SUB,
                      filter,
                      Directory.NO_ATTRIBUTES))
              .getEntryCount()
          > 0;
    } catch (LDAPException e) {
      if (e.getResultCode().equals(ResultCode.NO_SUCH_OBJECT)) {
        return false;
      }
      throw directory.failure("searching the groups of new accounts", e);
    }
  }

  /**
   * Removes a member; idempotent. When the group is left empty, or the server refuses because it
   * was the last member, {@link LastMembers} applies the last-member policy; {@code strict} false
   * (an account's deletion) leaves the last member of a group Tenure did not create alone instead
   * of failing.
   */
  private void removeMember(DN group, DN member, boolean strict) {
    String attempted = "removing " + member + " from " + group;
    String memberAttribute = settings.groupsMemberAttribute();
    ModifyRequest request =
        new ModifyRequest(
            group, new Modification(ModificationType.DELETE, memberAttribute, member.toString()));
    request.addControl(new PostReadRequestControl(false, memberAttribute));
    try {
      LDAPResult result = directory.pool().modify(request);
      lastMembers.afterRemoval(group, result);
      return;
    } catch (LDAPException e) {
      ResultCode code = e.getResultCode();
      if (code.equals(ResultCode.NO_SUCH_ATTRIBUTE)
          || code.equals(ResultCode.NO_SUCH_OBJECT)
          || refusedAsNotAMember(code, group, member)) {
        return;
      }
      if (!code.equals(ResultCode.OBJECT_CLASS_VIOLATION)
          && !code.equals(ResultCode.CONSTRAINT_VIOLATION)) {
        throw directory.failure(attempted, e);
      }
    }
    lastMembers.afterRefusal(group, member, strict, attempted);
  }

  /**
   * Whether a refused member removal means the DN was not a member: Active Directory answers
   * unwillingToPerform (53) for an absent value of a linked attribute such as {@code member}, and
   * for other refusals too, so a compare tells which.
   */
  private boolean refusedAsNotAMember(ResultCode code, DN group, DN member) {
    if (!code.equals(ResultCode.UNWILLING_TO_PERFORM)) {
      return false;
    }
    try {
      return !directory
          .pool()
          .compare(group.toString(), settings.groupsMemberAttribute(), member.toString())
          .compareMatched();
    } catch (LDAPException e) {
      return e.getResultCode().equals(ResultCode.NO_SUCH_OBJECT);
    }
  }

  private void removeValueIfPresent(DN group, DN value) {
    directory.modifyIgnoring(
        new ModifyRequest(
            group,
            new Modification(
                ModificationType.DELETE, settings.groupsMemberAttribute(), value.toString())),
        "removing the placeholder from " + group,
        ResultCode.NO_SUCH_ATTRIBUTE);
  }
}
