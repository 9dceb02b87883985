package io.tenure.scim.server;

import com.unboundid.scim2.common.exceptions.BadRequestException;
import io.tenure.core.identity.IdentityId;
import io.tenure.scim.server.store.ScimGroupStore;
import io.tenure.scim.server.store.StoredGroup;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The Groups that are roles: a Group whose displayName is one of the roles SCIM may assign ({@code
 * scim.roles}, names matched exactly) assigns that role to its members (planning reads the
 * memberships). Such a Group is created when the server starts if none has its displayName, and it
 * cannot be deleted or renamed over SCIM, since the role is configured in tenure.yaml. Other Groups
 * assign nothing.
 */
final class RoleGroups {

  private final Set<String> roles;
  private final ScimGroupStore groups;
  private final Clock clock;

  RoleGroups(Set<String> roles, ScimGroupStore groups, Clock clock) {
    this.roles = Set.copyOf(roles);
    this.groups = groups;
    this.clock = clock;
  }

  /** One Group per role whose displayName no Group has yet, ignoring case (idempotent). */
  void seed() {
    for (String role : new TreeSet<>(roles)) {
      groups.createUnlessNamed(UUID.randomUUID().toString(), role, clock.instant());
    }
  }

  /** Whether a Group with that displayName assigns the role of that name. */
  boolean isRole(String displayName) {
    return roles.contains(displayName);
  }

  /**
   * Refuses to delete a role's Group.
   *
   * @throws BadRequestException mutability
   */
  void checkDeletable(StoredGroup group) throws BadRequestException {
    if (isRole(group.displayName())) {
      throw BadRequestException.mutability(roleBacked(group.displayName()));
    }
  }

  /**
   * Refuses to rename a role's Group.
   *
   * @param current the Group as stored, or null for a new one
   * @throws BadRequestException mutability
   */
  void checkRename(@Nullable StoredGroup current, String displayName) throws BadRequestException {
    if (current != null
        && isRole(current.displayName())
        && !current.displayName().equals(displayName)) {
      throw BadRequestException.mutability(roleBacked(current.displayName()));
    }
  }

  private static String roleBacked(String displayName) {
    return "Group "
        + displayName
        + " is role "
        + displayName
        + ", configured in tenure.yaml: it cannot be deleted or renamed over SCIM";
  }

  /**
   * The people whose assigned roles a write of a Group changed: when it became or stopped being a
   * role's Group, or was renamed, every member before and after; for a role's Group, the members
   * added and removed; else nobody.
   *
   * @param current the Group before the write, or null for a new one
   * @param after the Group after the write
   * @param before the member ids before the write
   * @param now the member ids after the write
   */
  Set<IdentityId> affected(
      @Nullable StoredGroup current, StoredGroup after, Set<String> before, Set<String> now) {
    boolean roleBefore = current != null && isRole(current.displayName());
    boolean roleAfter = isRole(after.displayName());
    Set<String> people = new TreeSet<>();
    if (roleBefore != roleAfter
        || (current != null && !current.displayName().equals(after.displayName()))) {
      people.addAll(before);
      people.addAll(now);
    } else if (roleAfter) {
      people.addAll(now);
      people.addAll(before);
      Set<String> kept = new TreeSet<>(now);
      kept.retainAll(before);
      people.removeAll(kept);
    }
    Set<IdentityId> ids = new LinkedHashSet<>();
    people.forEach(person -> ids.add(new IdentityId(person)));
    return ids;
  }
}
