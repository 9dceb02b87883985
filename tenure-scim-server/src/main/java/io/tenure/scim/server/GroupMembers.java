package io.tenure.scim.server;

import com.unboundid.scim2.common.exceptions.BadRequestException;
import io.tenure.core.identity.IdentityId;
import io.tenure.scim.server.store.ScimGroupStore;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may be a member of a Group: Users only, each named by its id; a Group (nested groups) and an
 * id that names no User are refused. A User deleted over SCIM leaves every Group.
 */
final class GroupMembers {

  private final ScimGroupStore groups;
  private final GroupAudit audit;

  GroupMembers(ScimGroupStore groups, GroupAudit audit) {
    this.groups = groups;
    this.audit = audit;
  }

  /**
   * Refuses members that are not visible Users.
   *
   * @throws BadRequestException invalidValue naming a Group among them, else the ids that name no
   *     User (the first ten)
   */
  void check(Set<String> members) throws BadRequestException {
    if (members.isEmpty()) {
      return;
    }
    Set<String> users = groups.visibleUsers(members);
    if (users.size() == members.size()) {
      return;
    }
    Set<String> unknown = new TreeSet<>(members);
    unknown.removeAll(users);
    List<String> nested = groups.groups(unknown);
    if (!nested.isEmpty()) {
      throw BadRequestException.invalidValue(
          "members must be Users; "
              + nested.get(0)
              + " is a Group and nested groups are not supported");
    }
    throw BadRequestException.invalidValue("members name no User: " + listed(unknown));
  }

  /** The first ten values, then how many there are in all when there are more. */
  private static String listed(Collection<String> values) {
    String first = String.join(", ", values.stream().limit(10).toList());
    return values.size() > 10 ? first + ", … (" + values.size() + " in all)" : first;
  }

  /** A User deleted over SCIM is no member of any Group any more (each removal audited). */
  void removeDeletedUser(IdentityId user, String actor) {
    for (String group : groups.removeFromAllGroups(user)) {
      audit.deletedUserRemoved(actor, user, group);
    }
  }
}
