package io.tenure.server.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * SCIM Bulk over Users: operations run in order, each as its own request would (so each is its own
 * push and its own transaction); {@code bulkId:X} in a path or a value is replaced by the id that
 * the POST with {@code bulkId} X created; {@code failOnErrors} N stops after N errors.
 */
final class ScimBulk {

  static final int MAX_OPERATIONS = 100;
  static final int MAX_PAYLOAD_SIZE = 1_048_576;

  private final ScimUsers users;

  ScimBulk(ScimUsers users) {
    this.users = users;
  }

  ObjectNode process(ObjectNode request, String actor, String baseUrl) throws ScimException {
    JsonNode operations = UserMapping.field(request, "Operations");
    if (operations == null || !operations.isArray()) {
      throw BadRequestException.invalidSyntax("a bulk request needs an Operations array");
    }
    if (operations.size() > MAX_OPERATIONS) {
      throw new ScimException(
          413, null, "a bulk request may hold at most " + MAX_OPERATIONS + " operations");
    }
    JsonNode failOn = UserMapping.field(request, "failOnErrors");
    int failOnErrors = Integer.MAX_VALUE;
    if (failOn != null && !failOn.isNull()) {
      if (!failOn.isIntegralNumber() || failOn.intValue() < 1) {
        throw BadRequestException.invalidValue("failOnErrors must be a positive integer");
      }
      failOnErrors = failOn.intValue();
    }
    Map<String, String> created = new HashMap<>();
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    response.putArray("schemas").add(ScimSchemas.BULK_RESPONSE);
    ArrayNode results = response.putArray("Operations");
    int errors = 0;
    for (JsonNode operation : operations) {
      if (errors >= failOnErrors) {
        break;
      }
      ObjectNode result = results.addObject();
      if (!operation.isObject()) {
        errors++;
        failed(result, BadRequestException.invalidSyntax("each operation must be an object"));
        continue;
      }
      String method = textOf(operation, "method");
      String bulkId = textOf(operation, "bulkId");
      String path = textOf(operation, "path");
      result.put("method", method == null ? "" : method.toUpperCase(Locale.ROOT));
      if (bulkId != null) {
        result.put("bulkId", bulkId);
      }
      try {
        if (method == null || path == null) {
          throw BadRequestException.invalidSyntax("each operation needs a method and a path");
        }
        String resolvedPath = resolve(path, created);
        JsonNode data = UserMapping.field(operation, "data");
        JsonNode resolvedData = data == null ? null : resolveValues(data, created);
        String version = textOf(operation, "version");
        String id = userId(resolvedPath);
        switch (method.toUpperCase(Locale.ROOT)) {
          case "POST" -> {
            if (id != null) {
              throw BadRequestException.invalidPath("POST goes to /Users");
            }
            if (bulkId == null) {
              throw BadRequestException.invalidSyntax("a bulk POST needs a bulkId");
            }
            ScimUsers.Served user = users.create(object(resolvedData), actor, baseUrl);
            created.put(bulkId, user.id());
            succeeded(result, 201, user, baseUrl);
          }
          case "PUT" ->
              succeeded(
                  result,
                  200,
                  users.replace(required(id), object(resolvedData), version, actor, baseUrl),
                  baseUrl);
          case "PATCH" ->
              succeeded(
                  result,
                  200,
                  users.patch(required(id), object(resolvedData), version, actor, baseUrl),
                  baseUrl);
          case "DELETE" -> {
            users.delete(required(id), version, actor, baseUrl);
            result.put("location", baseUrl + "/Users/" + id);
            result.put("status", "204");
          }
          default -> throw BadRequestException.invalidSyntax("unknown bulk method " + method);
        }
      } catch (ScimException e) {
        errors++;
        failed(result, e);
      }
    }
    return response;
  }

  private static void succeeded(ObjectNode result, int status, ScimUsers.Served user, String base) {
    result.put("location", base + "/Users/" + user.id());
    result.put("version", user.version());
    result.put("status", Integer.toString(status));
  }

  private static void failed(ObjectNode result, ScimException e) {
    result.put("status", Integer.toString(e.getScimError().getStatus()));
    ObjectNode error = result.putObject("response");
    error.putArray("schemas").add(ScimSchemas.ERROR);
    error.put("status", Integer.toString(e.getScimError().getStatus()));
    if (e.getScimError().getScimType() != null) {
      error.put("scimType", e.getScimError().getScimType());
    }
    error.put("detail", String.valueOf(e.getScimError().getDetail()));
  }

  private static String required(@Nullable String id) throws BadRequestException {
    if (id == null) {
      throw BadRequestException.invalidPath("the path must name a User: /Users/{id}");
    }
    return id;
  }

  private static ObjectNode object(@Nullable JsonNode data) throws BadRequestException {
    if (data == null || !data.isObject()) {
      throw BadRequestException.invalidSyntax("the operation needs a data object");
    }
    return (ObjectNode) data;
  }

  /** The id in {@code /Users/{id}}, null for {@code /Users}; anything else is invalidPath. */
  private static @Nullable String userId(String path) throws BadRequestException {
    String trimmed = path.strip();
    if (trimmed.equalsIgnoreCase("/Users")) {
      return null;
    }
    if (trimmed.regionMatches(true, 0, "/Users/", 0, 7) && trimmed.length() > 7) {
      String id = trimmed.substring(7);
      if (!id.contains("/")) {
        return id;
      }
    }
    throw BadRequestException.invalidPath("bulk operations address /Users or /Users/{id}");
  }

  private static String resolve(String text, Map<String, String> created)
      throws BadRequestException {
    int at = text.indexOf("bulkId:");
    if (at < 0) {
      return text;
    }
    String reference = text.substring(at + 7);
    int end = reference.indexOf('/');
    String bulkId = end < 0 ? reference : reference.substring(0, end);
    String id = created.get(bulkId);
    if (id == null) {
      throw BadRequestException.invalidValue("bulkId " + bulkId + " names no created resource");
    }
    return text.substring(0, at) + id + (end < 0 ? "" : reference.substring(end));
  }

  private static JsonNode resolveValues(JsonNode node, Map<String, String> created)
      throws BadRequestException {
    if (node.isTextual() && node.textValue().startsWith("bulkId:")) {
      return new TextNode(resolve(node.textValue(), created));
    }
    if (node.isObject()) {
      ObjectNode copy = ((ObjectNode) node).deepCopy();
      for (Iterator<Map.Entry<String, JsonNode>> fields = copy.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        field.setValue(resolveValues(field.getValue(), created));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      for (JsonNode item : node) {
        copy.add(resolveValues(item, created));
      }
      return copy;
    }
    return node;
  }

  private static @Nullable String textOf(JsonNode node, String name) {
    JsonNode value = UserMapping.field(node, name);
    return value == null || !value.isTextual() ? null : value.textValue();
  }
}
