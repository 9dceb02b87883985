package io.tenure.connector.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.PatchOperation;
import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import java.util.List;
import java.util.Optional;

/**
 * Entitlements as memberships of SCIM Groups found by {@code displayName}: granting adds the User's
 * id to the Group's {@code members} (creating a missing Group with it when {@code groups.create} is
 * true), revoking removes it. Both change nothing when the membership already is as asked, and send
 * PATCH, or PUT when the provider has no PATCH. Thread-safe.
 */
final class GroupMemberships {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ServiceProvider provider;
  private final ResourcesByName byName;
  private final UserResources users;
  private final ScimSettings settings;

  GroupMemberships(ServiceProvider provider, ResourcesByName byName, UserResources users) {
    this.provider = provider;
    this.byName = byName;
    this.users = users;
    this.settings = provider.settings();
  }

  /**
   * Makes the account a member of the group: the account must exist (NOT_FOUND otherwise); a
   * missing group is created with it as member, or fails with NOT_FOUND when {@code groups.create}
   * is false.
   */
  void grant(AccountReference account, String entitlement) {
    String action = "grant of '" + entitlement + "' to account '" + account.name() + "'";
    String userId = provider.id(users.existing(account, action));
    Optional<ObjectNode> group = findGroup(entitlement, action);
    if (group.isEmpty()) {
      if (!settings.createGroups()) {
        throw new ConnectorException(
            ErrorKind.NOT_FOUND,
            "target '"
                + settings.targetName()
                + "': "
                + action
                + ": group does not exist and 'groups.create' is false");
      }
      try {
        createGroup(entitlement, userId, action);
        return;
      } catch (ConnectorException e) {
        if (e.kind() != ErrorKind.ALREADY_EXISTS) {
          throw e;
        }
        group = findGroup(entitlement, action);
        if (group.isEmpty()) {
          throw e;
        }
      }
    }
    ObjectNode current = withMembers(group.get(), action);
    if (isMember(current, userId)) {
      return;
    }
    ObjectNode working = current.deepCopy();
    ArrayNode members = membersOf(working);
    members.addObject().put("value", userId);
    ArrayNode added = NODES.arrayNode();
    added.addObject().put("value", userId);
    provider.change(
        ScimConnector.GROUPS,
        current,
        working,
        List.of(PatchOperation.add(Path.root().attribute("members"), added)),
        action);
  }

  /**
   * Removes the account from the group; nothing when the account, group or membership is absent.
   */
  void revoke(AccountReference account, String entitlement) {
    String action = "revoke of '" + entitlement + "' from account '" + account.name() + "'";
    Optional<ObjectNode> user = users.resolve(account, action);
    if (user.isEmpty()) {
      return;
    }
    String userId = provider.id(user.get());
    Optional<ObjectNode> group = findGroup(entitlement, action);
    if (group.isEmpty()) {
      return;
    }
    ObjectNode current = withMembers(group.get(), action);
    if (!isMember(current, userId)) {
      return;
    }
    ObjectNode working = current.deepCopy();
    ArrayNode members = membersOf(working);
    for (int index = members.size() - 1; index >= 0; index--) {
      if (userId.equals(ResourceJson.text(members.get(index), "value"))) {
        members.remove(index);
      }
    }
    PatchOperation removal;
    try {
      removal = PatchOperation.remove(Path.root().attribute("members", Filter.eq("value", userId)));
    } catch (BadRequestException e) {
      throw new ConnectorException(ErrorKind.INVALID_INPUT, action + ": " + e.getMessage(), e);
    }
    provider.change(ScimConnector.GROUPS, current, working, List.of(removal), action);
  }

  private Optional<ObjectNode> findGroup(String name, String action) {
    return byName.find(ScimConnector.GROUPS, "displayName", name, action);
  }

  /** The group with its members: as found, or read again if the search left members out. */
  private ObjectNode withMembers(ObjectNode group, String action) {
    if (ResourceJson.field(group, "members") != null) {
      return group;
    }
    return provider.retrieve(ScimConnector.GROUPS, provider.id(group), action);
  }

  private void createGroup(String name, String userId, String action) {
    ObjectNode group = NODES.objectNode();
    group.putArray("schemas").add(ScimConnector.GROUP_SCHEMA);
    group.put("displayName", name);
    group.putArray("members").addObject().put("value", userId);
    provider.execute(
        action, service -> service.create(ScimConnector.GROUPS, new GenericScimResource(group)));
  }

  /** Whether the group's {@code members} hold the User id. */
  static boolean isMember(ObjectNode group, String userId) {
    JsonNode members = ResourceJson.field(group, "members");
    if (members == null || !members.isArray()) {
      return false;
    }
    for (JsonNode member : members) {
      if (userId.equals(ResourceJson.text(member, "value"))) {
        return true;
      }
    }
    return false;
  }

  private static ArrayNode membersOf(ObjectNode group) {
    JsonNode members = ResourceJson.field(group, "members");
    if (members instanceof ArrayNode array) {
      return array;
    }
    ResourceJson.remove(group, "members");
    return group.putArray("members");
  }
}
