package io.tenure.server.scim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.utils.FilterEvaluator;
import io.tenure.engine.configuration.RoleDefinition;
import io.tenure.engine.configuration.TenureConfiguration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * SCIM Groups: the configured roles, read-only. A Group's id and displayName are the role's name.
 * Membership in Tenure follows from policy (birthright rules over identity attributes), so Groups
 * carry no {@code members} and cannot be written: a client that wants a person in a role changes
 * the person's attributes. The roles come from the configuration (a handful), so filtering them in
 * memory is fine; people are never filtered in memory.
 */
final class ScimGroups {

  private final TenureConfiguration configuration;

  ScimGroups(TenureConfiguration configuration) {
    this.configuration = configuration;
  }

  static ScimException readOnly() {
    return new ScimException(
        405,
        null,
        "Groups are Tenure's roles and are read-only over SCIM: membership follows from policy");
  }

  List<ObjectNode> search(@Nullable String filter, String baseUrl) throws ScimException {
    Filter parsed = null;
    if (filter != null && !filter.isBlank()) {
      try {
        parsed = Filter.fromString(filter);
      } catch (BadRequestException | RuntimeException e) {
        throw BadRequestException.invalidFilter("invalid filter '" + filter + "'");
      }
    }
    List<ObjectNode> groups = new ArrayList<>();
    for (RoleDefinition role :
        configuration.roles().stream()
            .sorted(Comparator.comparing(RoleDefinition::name))
            .toList()) {
      ObjectNode group = group(role, baseUrl);
      if (parsed == null || FilterEvaluator.evaluate(parsed, group)) {
        groups.add(group);
      }
    }
    return groups;
  }

  ObjectNode get(String id, String baseUrl) throws ScimException {
    return configuration.roles().stream()
        .filter(role -> role.name().equals(id))
        .findFirst()
        .map(role -> group(role, baseUrl))
        .orElseThrow(() -> new ResourceNotFoundException("Group " + id + " not found"));
  }

  private static ObjectNode group(RoleDefinition role, String baseUrl) {
    ObjectNode group = JsonNodeFactory.instance.objectNode();
    group.putArray("schemas").add(ScimSchemas.GROUP);
    group.put("id", role.name());
    group.put("displayName", role.name());
    ObjectNode meta = group.putObject("meta");
    meta.put("resourceType", "Group");
    meta.put("location", baseUrl + "/Groups/" + role.name());
    return group;
  }
}
