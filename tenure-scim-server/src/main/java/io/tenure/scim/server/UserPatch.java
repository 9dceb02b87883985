package io.tenure.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.PatchOperation;
import com.unboundid.scim2.common.messages.PatchRequest;
import io.tenure.scim.server.schema.UserSchema;
import io.tenure.scim.server.store.FilterLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * A PATCH of a User: its operations, with their paths spelt as the User schemas spell them (the SDK
 * matches names exactly, SCIM clients need not), applied by the SDK to the User as served. The
 * result is then written as a PUT of it.
 */
final class UserPatch {

  private final PatchRequest request;

  private UserPatch(PatchRequest request) {
    this.request = request;
  }

  /**
   * Parses a PatchOp message ({@link PatchRequests}) whose paths name attributes of the User
   * schemas ({@link PatchPaths}).
   *
   * @throws BadRequestException invalidSyntax for a message that is not one, invalidPath for a bad
   *     path or one in no schema, noTarget for a remove without a path
   */
  static UserPatch parse(ObjectNode body) throws BadRequestException {
    PatchRequest request = PatchRequests.parse(withCanonicalPaths(body));
    for (PatchOperation operation : request.getOperations()) {
      if (operation.getPath() != null) {
        PatchPaths.checkUser(operation.getPath());
      }
    }
    return new UserPatch(request);
  }

  /**
   * The User after the operations: a copy of the current one without {@code meta}, patched; an
   * {@code active} given as a string ({@code "False"}) becomes a boolean.
   *
   * @throws BadRequestException mutability when the operations change the id
   */
  ObjectNode applyTo(ObjectNode current, String id) throws ScimException {
    ObjectNode resource = current.deepCopy();
    resource.remove("meta");
    PatchRequests.apply(request, new GenericScimResource(resource));
    JsonNode newId = resource.get("id");
    if (newId == null || !newId.isTextual() || !newId.textValue().equals(id)) {
      throw BadRequestException.mutability("id is read-only");
    }
    JsonNode active = JsonFields.field(resource, "active");
    if (active != null && active.isTextual()) {
      Boolean value = UserMapping.bool(active);
      if (value != null) {
        resource.put("active", value);
      }
    }
    return resource;
  }

  /**
   * Whether a patched User differs from the current one as served (its {@code meta} aside): a PATCH
   * that adds a value already there, replaces a value with itself or removes an absent one changes
   * nothing.
   */
  static boolean changes(ObjectNode current, ObjectNode patched) {
    ObjectNode before = current.deepCopy();
    before.remove("meta");
    return !before.equals(patched);
  }

  /** The PATCH message with its operations' paths spelt as the User schemas spell them. */
  private static ObjectNode withCanonicalPaths(ObjectNode body) throws BadRequestException {
    ObjectNode copy = body.deepCopy();
    JsonNode operations = JsonFields.field(copy, "Operations");
    if (operations != null && operations.isArray()) {
      for (JsonNode operation : operations) {
        if (operation.isObject()) {
          ObjectNode fields = (ObjectNode) operation;
          List<String> names = new ArrayList<>();
          fields.fieldNames().forEachRemaining(names::add);
          for (String name : names) {
            JsonNode path = fields.get(name);
            if (name.equalsIgnoreCase("path") && path.isTextual()) {
              FilterLimits.check(path.textValue(), "path");
              fields.put(name, UserSchema.canonicalPath(path.textValue()));
            }
          }
        }
      }
    }
    return copy;
  }
}
