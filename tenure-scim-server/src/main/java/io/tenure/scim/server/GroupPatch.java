package io.tenure.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.PatchOperation;
import com.unboundid.scim2.common.messages.PatchRequest;

/**
 * A PATCH of a Group: {@code add}, {@code remove} and {@code replace} with paths such as {@code
 * members}, {@code displayName} and {@code members[value eq "…"]}, and path-less {@code add} or
 * {@code replace} with an object value, applied by the SDK to the Group as served; the removal form
 * Azure AD sends ({@code "path": "members"} with the members to remove as {@code value}) too. The
 * result is then written as a PUT of it.
 */
final class GroupPatch {

  private final PatchRequest request;

  private GroupPatch(PatchRequest request) {
    this.request = request;
  }

  /**
   * Parses a PatchOp message ({@link PatchRequests}) whose paths name attributes of the Group
   * schema ({@link PatchPaths}).
   *
   * @throws BadRequestException invalidSyntax for a message that is not one, invalidPath for a bad
   *     path or one in no schema, noTarget for a remove without a path
   */
  static GroupPatch parse(ObjectNode body) throws BadRequestException {
    PatchRequest request = PatchRequests.parse(memberRemovalsAsPaths(body));
    for (PatchOperation operation : request.getOperations()) {
      if (operation.getPath() != null) {
        PatchPaths.checkGroup(operation.getPath());
      }
    }
    return new GroupPatch(request);
  }

  /**
   * What the Group after the operations asks for: a copy of the current one without {@code meta},
   * patched.
   *
   * @throws BadRequestException mutability when the operations change the id
   */
  WantedGroup applyTo(ObjectNode current, String id) throws ScimException {
    ObjectNode resource = current.deepCopy();
    resource.remove("meta");
    PatchRequests.apply(request, new GenericScimResource(resource));
    JsonNode newId = resource.get("id");
    if (newId == null || !newId.isTextual() || !newId.textValue().equals(id)) {
      throw BadRequestException.mutability("id is read-only");
    }
    return WantedGroup.of(resource);
  }

  /**
   * A PATCH that removes members by value ({@code {"op": "remove", "path": "members", "value":
   * [{"value": "id"}]}}, as Azure AD sends it) rewritten to the standard form, one {@code
   * members[value eq "id"]} removal per value.
   */
  private static ObjectNode memberRemovalsAsPaths(ObjectNode body) throws BadRequestException {
    JsonNode operations = JsonFields.field(body, "Operations");
    if (operations == null || !operations.isArray()) {
      return body;
    }
    ObjectNode copy = body.deepCopy();
    ArrayNode rewritten = copy.arrayNode();
    for (JsonNode operation : operations) {
      JsonNode op = JsonFields.field(operation, "op");
      JsonNode path = JsonFields.field(operation, "path");
      JsonNode value = JsonFields.field(operation, "value");
      boolean removalByValue =
          op != null
              && op.isTextual()
              && op.textValue().equalsIgnoreCase("remove")
              && path != null
              && path.isTextual()
              && path.textValue().equalsIgnoreCase(GroupResources.MEMBERS)
              && value != null
              && value.isArray();
      if (!removalByValue) {
        rewritten.add(operation);
        continue;
      }
      for (JsonNode member : value) {
        JsonNode id = member.isObject() ? JsonFields.field(member, "value") : null;
        if (id == null || !id.isTextual()) {
          rewritten.add(operation);
          break;
        }
        rewritten
            .addObject()
            .put("op", "remove")
            .put(
                "path",
                Path.root()
                    .attribute(GroupResources.MEMBERS, Filter.eq("value", id.textValue()))
                    .toString());
      }
    }
    copy.set("Operations", rewritten);
    return copy;
  }
}
