package io.tenure.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.PatchRequest;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.tenure.scim.server.schema.ScimSchemas;
import io.tenure.scim.server.store.FilterLimits;
import java.io.IOException;
import java.util.Locale;

/**
 * PATCH requests (RFC 7644 section 3.5.2), parsed and applied by the SCIM SDK: a PatchOp message
 * whose {@code schemas} is exactly the PatchOp URN, with a non-empty {@code Operations} array;
 * operation names are accepted in any case ({@code "Replace"}, {@code "Add"}), as real clients send
 * them. Each path is bounded like a filter ({@link FilterLimits}) before it is parsed.
 */
final class PatchRequests {

  private PatchRequests() {}

  /**
   * Parses a PatchOp message.
   *
   * @throws BadRequestException invalidSyntax for a message that is not one (its {@code schemas}
   *     missing or other than the PatchOp URN included), invalidPath for a bad path, invalidFilter
   *     for a path beyond the bounds of a filter, noTarget for a {@code remove} without a path
   */
  static PatchRequest parse(ObjectNode body) throws BadRequestException {
    checkSchemas(body);
    ObjectNode copy = body.deepCopy();
    JsonNode operations = JsonFields.field(copy, "Operations");
    if (operations == null || !operations.isArray() || operations.isEmpty()) {
      throw BadRequestException.invalidSyntax("a PATCH needs a non-empty Operations array");
    }
    ArrayNode normalised = copy.arrayNode();
    for (JsonNode operation : operations) {
      if (!operation.isObject()) {
        throw BadRequestException.invalidSyntax("each operation must be an object");
      }
      checkPath(operation);
      ObjectNode fixed = copy.objectNode();
      operation
          .fields()
          .forEachRemaining(
              field -> {
                String name = field.getKey().toLowerCase(Locale.ROOT);
                JsonNode value = field.getValue();
                if (name.equals("op") && value.isTextual()) {
                  fixed.put("op", value.textValue().toLowerCase(Locale.ROOT));
                } else {
                  fixed.set(name, value);
                }
              });
      normalised.add(fixed);
    }
    ObjectNode message = copy.objectNode();
    message.putArray("schemas").add(ScimSchemas.PATCH_OP);
    message.set("Operations", normalised);
    try {
      return JsonUtils.getObjectReader().forType(PatchRequest.class).readValue(message);
    } catch (IOException | RuntimeException e) {
      Throwable cause = e;
      while (cause.getCause() != null && !(cause instanceof BadRequestException)) {
        cause = cause.getCause();
      }
      if (cause instanceof BadRequestException bad) {
        throw bad;
      }
      throw BadRequestException.invalidSyntax("invalid PATCH operation: " + summary(e));
    }
  }

  /** Refuses a message whose {@code schemas} is missing or names anything but PatchOp. */
  private static void checkSchemas(ObjectNode body) throws BadRequestException {
    JsonNode schemas = JsonFields.field(body, "schemas");
    boolean patchOp =
        schemas != null
            && schemas.isArray()
            && schemas.size() == 1
            && schemas.get(0).isTextual()
            && schemas.get(0).textValue().equalsIgnoreCase(ScimSchemas.PATCH_OP);
    if (!patchOp) {
      throw BadRequestException.invalidSyntax(
          "a PATCH is a PatchOp message: its schemas must be [\""
              + ScimSchemas.PATCH_OP
              + "\"], not "
              + (schemas == null ? "missing" : schemas.toString()));
    }
  }

  /** Bounds an operation's path; a {@code remove} needs one (RFC 7644 section 3.5.2.2). */
  private static void checkPath(JsonNode operation) throws BadRequestException {
    JsonNode path = JsonFields.field(operation, "path");
    if (path != null && path.isTextual()) {
      FilterLimits.check(path.textValue(), "path");
    }
    JsonNode op = JsonFields.field(operation, "op");
    boolean remove = op != null && op.isTextual() && op.textValue().equalsIgnoreCase("remove");
    if (remove && (path == null || path.isNull())) {
      throw BadRequestException.noTarget("a remove operation needs a path");
    }
  }

  /** Applies the operations; a path that matches nothing or is malformed is a 400. */
  static void apply(PatchRequest request, GenericScimResource resource) throws ScimException {
    try {
      request.apply(resource);
    } catch (ScimException e) {
      throw e;
    } catch (RuntimeException e) {
      throw BadRequestException.invalidValue("cannot apply the PATCH: " + summary(e));
    }
  }

  private static String summary(Exception e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
