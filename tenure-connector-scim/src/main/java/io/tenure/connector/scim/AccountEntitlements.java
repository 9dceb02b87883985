package io.tenure.connector.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Reads an account's entitlements, the {@code displayName}s of the Groups it is a member of: from
 * the User's {@code groups} attribute (reading a Group whose entry has no {@code display}), or, as
 * the setting {@code entitlements} says, by searching the Groups with {@code members.value eq
 * "<id>"} (scanning them when the provider does not filter). Thread-safe.
 */
final class AccountEntitlements {

  private final ServiceProvider provider;
  private final ScimSettings settings;

  AccountEntitlements(ServiceProvider provider) {
    this.provider = provider;
    this.settings = provider.settings();
  }

  /** The names of the groups the User with the id is a member of. */
  Set<String> of(ObjectNode user, String userId) {
    Set<String> names = new TreeSet<>();
    String action = "read of the groups of account '" + ResourceJson.text(user, "userName") + "'";
    if (settings.entitlementSource() == ScimSettings.EntitlementSource.GROUPS_ATTRIBUTE) {
      JsonNode groups = ResourceJson.field(user, "groups");
      if (groups != null && groups.isArray()) {
        for (JsonNode group : groups) {
          String display = ResourceJson.text(group, "display");
          String groupId = ResourceJson.text(group, "value");
          if (display == null && groupId != null) {
            display = groupName(groupId, action);
          }
          if (display != null) {
            names.add(display);
          }
        }
      }
      return names;
    }
    Filter membership = null;
    if (provider.features().filter()) {
      try {
        membership = Filter.eq("members.value", userId);
      } catch (BadRequestException e) {
        throw new IllegalStateException(e);
      }
    }
    Iterator<ObjectNode> groups =
        new ResourcePages(provider, ScimConnector.GROUPS, membership, action);
    while (groups.hasNext()) {
      ObjectNode group = groups.next();
      if (membership != null || GroupMemberships.isMember(group, userId)) {
        String display = ResourceJson.text(group, "displayName");
        if (display != null) {
          names.add(display);
        }
      }
    }
    return names;
  }

  private @Nullable String groupName(String groupId, String action) {
    try {
      return ResourceJson.text(
          provider.retrieve(ScimConnector.GROUPS, groupId, action), "displayName");
    } catch (ConnectorException e) {
      if (e.kind() == ErrorKind.NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }
}
