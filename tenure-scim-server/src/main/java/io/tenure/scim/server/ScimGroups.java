package io.tenure.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import io.tenure.engine.store.Transactions;
import io.tenure.scim.server.store.ScimGroupStore;
import io.tenure.scim.server.store.SearchQuery;
import io.tenure.scim.server.store.SearchResults;
import io.tenure.scim.server.store.StoredGroup;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * SCIM Groups ({@link ScimGroupStore}): a Group has a UUID id, a displayName unique
 * case-insensitively, an externalId and members, who are Users ({@link GroupMembers}). Searches run
 * in the database; members are loaded only when the response shows them.
 *
 * <p>A Group named like a role of {@code scim.roles} assigns that role to its members and cannot be
 * deleted or renamed ({@link RoleGroups}); other Groups are stored and shown faithfully and assign
 * nothing.
 *
 * <p>Every write runs in one transaction and is audited ({@link GroupAudit}); a write that changes
 * who holds a role plans for the people concerned and stores the plan through the mass-change brake
 * in the same transaction, then executes it at once, as a User push does ({@link
 * ScimProvisioning}).
 */
final class ScimGroups {

  private final ScimGroupStore groups;
  private final RoleGroups roles;
  private final GroupMembers members;
  private final GroupAudit audit;
  private final Transactions transactions;
  private final Clock clock;
  private final ScimProvisioning provisioning;

  ScimGroups(
      ScimGroupStore groups,
      RoleGroups roles,
      GroupMembers members,
      GroupAudit audit,
      Transactions transactions,
      Clock clock,
      ScimProvisioning provisioning) {
    this.groups = groups;
    this.roles = roles;
    this.members = members;
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock;
    this.provisioning = provisioning;
  }

  /** The Group, or 404 (also for an id that cannot name one, such as one holding a NUL). */
  ServedResource get(String id, String baseUrl, boolean withMembers) throws ScimException {
    if (!ValueCharacters.possibleId(id)) {
      throw notFound(id);
    }
    return groups
        .find(id)
        .map(group -> served(group, withMembers, baseUrl))
        .orElseThrow(() -> notFound(id));
  }

  private ServedResource served(StoredGroup group, boolean withMembers, String baseUrl) {
    return GroupResources.served(
        group, withMembers ? groups.members(List.of(group.id())).get(group.id()) : null, baseUrl);
  }

  private static ResourceNotFoundException notFound(String id) {
    return new ResourceNotFoundException("Group " + id + " not found");
  }

  /** A search: filter (or null), sort, 1-based start index and count. */
  ResourcePage search(
      @Nullable String filter,
      @Nullable String sortBy,
      boolean descending,
      int startIndex,
      int count,
      String baseUrl,
      boolean withMembers)
      throws ScimException {
    int start = Math.max(1, startIndex);
    int size = Math.max(0, Math.min(ScimUsers.MAX_RESULTS, count));
    SearchResults<StoredGroup> found =
        groups.search(new SearchQuery(filter, sortBy, descending, start - 1L, size));
    Map<String, List<StoredGroup.Member>> shown =
        withMembers
            ? groups.members(found.page().stream().map(StoredGroup::id).toList())
            : Map.of();
    return new ResourcePage(
        found.total(),
        start,
        found.page().stream()
            .map(
                group ->
                    GroupResources.served(
                        group, withMembers ? shown.get(group.id()) : null, baseUrl))
            .toList());
  }

  /** POST: a new Group (201). */
  ServedResource create(ObjectNode body, String actor, String baseUrl) throws ScimException {
    WantedGroup wanted = WantedGroup.of(body);
    String id = UUID.randomUUID().toString();
    return write(id, null, null, actor, baseUrl, current -> wanted);
  }

  /** PUT: replaces displayName, externalId and members. */
  ServedResource replace(
      String id, ObjectNode body, @Nullable String ifMatch, String actor, String baseUrl)
      throws ScimException {
    JsonNode given = JsonFields.field(body, "id");
    if (given != null && !given.isNull() && !(given.isTextual() && given.textValue().equals(id))) {
      throw BadRequestException.mutability("id is read-only and cannot be changed");
    }
    WantedGroup wanted = WantedGroup.of(body);
    return write(id, existing(id), ifMatch, actor, baseUrl, current -> wanted);
  }

  /**
   * PATCH: the operations applied to the current Group, then written as a PUT of the result; one
   * that changes nothing (as a PUT of the Group as it is) writes nothing, so that its {@code
   * meta.version} and {@code meta.lastModified} stay (RFC 7644 section 3.5.2).
   */
  ServedResource patch(
      String id, ObjectNode body, @Nullable String ifMatch, String actor, String baseUrl)
      throws ScimException {
    GroupPatch patch = GroupPatch.parse(body);
    return write(
        id,
        existing(id),
        ifMatch,
        actor,
        baseUrl,
        current -> patch.applyTo(Objects.requireNonNull(current), id));
  }

  /** DELETE: the Group and its memberships are gone (404 after); role-backed Groups stay. */
  void delete(String id, @Nullable String ifMatch, String actor) throws ScimException {
    ScimTransaction.run(
        transactions,
        () -> {
          StoredGroup current = locked(id);
          EntityTags.checkIfMatch(ifMatch, GroupResources.version(current), "Group");
          roles.checkDeletable(current);
          Set<String> before = groups.memberIds(id);
          groups.delete(id);
          audit.deleted(actor, current, before.size());
          // a Group that is not role-backed assigns nothing: nobody's access changes
          return id;
        });
  }

  /** 404 unless the Group exists. */
  private StoredGroup existing(String id) throws ScimException {
    if (!ValueCharacters.possibleId(id)) {
      throw notFound(id);
    }
    return groups.find(id).orElseThrow(() -> notFound(id));
  }

  private StoredGroup locked(String id) throws ScimException {
    if (!ValueCharacters.possibleId(id)) {
      throw notFound(id);
    }
    return groups.lock(id).orElseThrow(() -> notFound(id));
  }

  /** How a write turns the current Group (null for a new one) into what is wanted. */
  private interface Change {
    WantedGroup apply(@Nullable ObjectNode current) throws ScimException;
  }

  /**
   * Writes the Group (a new one unless {@code known}): the change, checked, stored with its
   * members, audited, and the people whose roles it changed planned for.
   */
  private ServedResource write(
      String id,
      @Nullable StoredGroup known,
      @Nullable String ifMatch,
      String actor,
      String baseUrl,
      Change change)
      throws ScimException {
    try {
      provisioning.write(
          actor,
          "scim group",
          () -> {
            StoredGroup current = known == null ? null : locked(id);
            Set<String> before = current == null ? Set.of() : groups.memberIds(id);
            ObjectNode resource = null;
            if (current != null) {
              EntityTags.checkIfMatch(ifMatch, GroupResources.version(current), "Group");
              resource = served(current, true, baseUrl).resource();
            }
            WantedGroup wanted = change.apply(resource);
            if (current != null
                && wanted.equals(
                    new WantedGroup(current.displayName(), current.externalId(), before))) {
              // a write that changes nothing keeps the Group's version and lastModified
              return new ScimProvisioning.Written<>(current, Set.of());
            }
            checkDisplayName(current, wanted);
            members.check(wanted.members());
            store(id, current, wanted, before, actor);
            StoredGroup after = locked(id);
            Set<String> added = difference(wanted.members(), before);
            Set<String> removed = difference(before, wanted.members());
            audit.written(actor, current, after, added, removed, roleOf(after));
            return new ScimProvisioning.Written<>(
                after, roles.affected(current, after, before, wanted.members()));
          });
    } catch (ScimGroupStore.DisplayNameTaken e) {
      throw ResourceConflictException.uniqueness("a Group with this displayName exists already");
    }
    return get(id, baseUrl, true);
  }

  /** A role's Group keeps its displayName; a displayName is unique, ignoring case. */
  private void checkDisplayName(@Nullable StoredGroup current, WantedGroup wanted)
      throws ScimException {
    roles.checkRename(current, wanted.displayName());
    if (groups.isDisplayNameTaken(wanted.displayName(), current == null ? null : current.id())) {
      throw ResourceConflictException.uniqueness(
          "a Group named '" + wanted.displayName() + "' exists already");
    }
  }

  private void store(
      String id,
      @Nullable StoredGroup current,
      WantedGroup wanted,
      Set<String> before,
      String actor) {
    Instant now = clock.instant();
    if (current == null) {
      groups.create(id, wanted.displayName(), wanted.externalId(), now);
    } else {
      groups.update(id, wanted.displayName(), wanted.externalId(), now);
    }
    Set<String> added = difference(wanted.members(), before);
    Set<String> removed = difference(before, wanted.members());
    if (!added.isEmpty()) {
      groups.addMembers(id, added, now, actor);
    }
    if (!removed.isEmpty()) {
      groups.removeMembers(id, removed);
    }
  }

  private @Nullable String roleOf(StoredGroup group) {
    return roles.isRole(group.displayName()) ? group.displayName() : null;
  }

  private static Set<String> difference(Set<String> these, Set<String> those) {
    Set<String> rest = new TreeSet<>(these);
    rest.removeAll(those);
    return rest;
  }
}
