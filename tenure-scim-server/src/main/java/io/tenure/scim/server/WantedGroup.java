package io.tenure.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What a write of a Group asks for: its displayName, externalId and the ids of its members, who are
 * Users (nested Groups are refused).
 *
 * @param members the member ids, sorted
 */
record WantedGroup(String displayName, @Nullable String externalId, Set<String> members) {

  WantedGroup {
    members = Collections.unmodifiableSortedSet(new TreeSet<>(members));
  }

  /**
   * What a Group resource (a POST or PUT body, or the result of a PATCH) asks for.
   *
   * @throws BadRequestException invalidValue without a displayName, for an externalId that is not a
   *     string, a member without a value, a member that is a Group or a value holding a control
   *     character (naming it); invalidSyntax for members that are not an array
   */
  static WantedGroup of(ObjectNode resource) throws BadRequestException {
    JsonNode displayName = JsonFields.field(resource, "displayName");
    if (displayName == null || !displayName.isTextual() || displayName.textValue().isBlank()) {
      throw BadRequestException.invalidValue("a Group needs a displayName");
    }
    ValueCharacters.check("displayName", displayName);
    JsonNode externalId = JsonFields.field(resource, "externalId");
    if (externalId != null && !externalId.isNull() && !externalId.isTextual()) {
      throw BadRequestException.invalidValue("externalId must be a string");
    }
    ValueCharacters.check("externalId", externalId);
    Set<String> members = new TreeSet<>();
    JsonNode given = JsonFields.field(resource, GroupResources.MEMBERS);
    if (given != null && !given.isNull()) {
      if (!given.isArray()) {
        throw BadRequestException.invalidSyntax("members must be an array");
      }
      for (JsonNode member : given) {
        JsonNode value = member.isObject() ? JsonFields.field(member, "value") : null;
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
          throw BadRequestException.invalidValue("each member needs a value: a User's id");
        }
        ValueCharacters.check("members.value", value);
        JsonNode type = JsonFields.field(member, "type");
        if (type != null && type.isTextual() && type.textValue().equalsIgnoreCase("Group")) {
          throw BadRequestException.invalidValue(
              "member " + value.textValue() + " is a Group and nested groups are not supported");
        }
        members.add(value.textValue());
      }
    }
    return new WantedGroup(
        displayName.textValue(),
        externalId == null || externalId.isNull() ? null : externalId.textValue(),
        members);
  }
}
