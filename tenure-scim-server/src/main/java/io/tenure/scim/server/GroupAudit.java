package io.tenure.scim.server;

import io.tenure.core.identity.IdentityId;
import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditLog;
import io.tenure.scim.server.store.StoredGroup;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The audit events of Group writes, with the actor {@code scim:<token name>}: one {@code
 * scim.group.create}, {@code scim.group.update} or {@code scim.group.delete} for the Group, and one
 * {@code scim.group.member-add} or {@code scim.group.member-remove} for each member added or
 * removed (naming the role when the Group is a role's).
 */
final class GroupAudit {

  private final AuditLog audit;
  private final Clock clock;

  GroupAudit(AuditLog audit, Clock clock) {
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * A Group created or changed.
   *
   * @param before the Group before the write, or null for a new one
   * @param role the role the Group assigns after the write, or null
   */
  void written(
      String actor,
      @Nullable StoredGroup before,
      StoredGroup after,
      Set<String> added,
      Set<String> removed,
      @Nullable String role) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("source", "scim");
    details.put("group", after.id());
    details.put("displayName", after.displayName());
    details.put("added", Integer.toString(added.size()));
    details.put("removed", Integer.toString(removed.size()));
    if (before != null && !before.displayName().equals(after.displayName())) {
      details.put("previousDisplayName", before.displayName());
    }
    audit.append(
        event(
            actor,
            before == null ? "scim.group.create" : "scim.group.update",
            after,
            (before == null ? "SCIM group created: " : "SCIM group changed: ")
                + after.displayName(),
            details));
    String ofRole = role == null ? "" : " (role " + role + ")";
    memberEvents(actor, "scim.group.member-add", added, "added to SCIM group ", after, ofRole);
    memberEvents(
        actor, "scim.group.member-remove", removed, "removed from SCIM group ", after, ofRole);
  }

  /** A Group deleted, with how many members it had. */
  void deleted(String actor, StoredGroup group, int members) {
    audit.append(
        event(
            actor,
            "scim.group.delete",
            group,
            "SCIM DELETE of group " + group.displayName(),
            Map.of("members", Integer.toString(members))));
  }

  /** A User deleted over SCIM left the Group. */
  void deletedUserRemoved(String actor, IdentityId user, String group) {
    audit.append(
        new AuditEvent(
            clock.instant(),
            actor,
            "scim.group.member-remove",
            "identity " + user,
            "removed from SCIM group " + group + ": the User was deleted",
            "success",
            Map.of("source", "scim", "group", group)));
  }

  private void memberEvents(
      String actor,
      String action,
      Set<String> members,
      String what,
      StoredGroup group,
      String ofRole) {
    for (String member : members) {
      audit.append(
          new AuditEvent(
              clock.instant(),
              actor,
              action,
              "identity " + member,
              what + group.displayName() + ofRole,
              "success",
              Map.of("source", "scim", "group", group.id())));
    }
  }

  private AuditEvent event(
      String actor, String action, StoredGroup group, String reason, Map<String, String> details) {
    return new AuditEvent(
        clock.instant(), actor, action, "scim group " + group.id(), reason, "success", details);
  }
}
