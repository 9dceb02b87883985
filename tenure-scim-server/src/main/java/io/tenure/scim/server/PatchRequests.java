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
import java.io.IOException;
import java.util.Locale;

/**
 * PATCH requests, parsed and applied by the SCIM SDK, with the quirks of real clients accepted:
 * operation names in any case ({@code "Replace"}, {@code "Add"}), a missing {@code schemas}.
 */
final class PatchRequests {

  private PatchRequests() {}

  /**
   * Parses a PatchOp message.
   *
   * @throws BadRequestException invalidSyntax for a message that is not one, invalidPath for a bad
   *     path
   */
  static PatchRequest parse(ObjectNode body) throws BadRequestException {
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
