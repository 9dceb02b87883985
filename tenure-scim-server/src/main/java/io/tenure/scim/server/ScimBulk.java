package io.tenure.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import io.tenure.scim.server.schema.ScimSchemas;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * SCIM Bulk over Users and Groups: operations run in order, each as its own request would (so each
 * is its own push and its own transaction); {@code bulkId:X} in a path or a value (such as a
 * Group's {@code members[].value}) is replaced by the id that the earlier POST with {@code bulkId}
 * X created; {@code failOnErrors} N stops after N errors.
 */
final class ScimBulk {

  static final int MAX_OPERATIONS = 100;
  static final int MAX_PAYLOAD_SIZE = 1_048_576;

  private final ScimUsers users;
  private final ScimGroups groups;

  ScimBulk(ScimUsers users, ScimGroups groups) {
    this.users = users;
    this.groups = groups;
  }

  ObjectNode process(ObjectNode request, String actor, String baseUrl) throws ScimException {
    JsonNode operations = JsonFields.field(request, "Operations");
    if (operations == null || !operations.isArray()) {
      throw BadRequestException.invalidSyntax("a bulk request needs an Operations array");
    }
    if (operations.size() > MAX_OPERATIONS) {
      throw new ScimException(
          413, null, "a bulk request may hold at most " + MAX_OPERATIONS + " operations");
    }
    JsonNode failOn = JsonFields.field(request, "failOnErrors");
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
        JsonNode data = JsonFields.field(operation, "data");
        JsonNode resolvedData = data == null ? null : resolveValues(data, created);
        String version = textOf(operation, "version");
        Address address = address(resolvedPath);
        String id = address.id();
        String location = baseUrl + address.endpoint();
        switch (method.toUpperCase(Locale.ROOT)) {
          case "POST" -> {
            if (id != null) {
              throw BadRequestException.invalidPath("POST goes to /Users or /Groups");
            }
            if (bulkId == null) {
              throw BadRequestException.invalidSyntax("a bulk POST needs a bulkId");
            }
            ServedResource resource =
                address.groups()
                    ? groups.create(object(resolvedData), actor, baseUrl)
                    : users.create(object(resolvedData), actor, baseUrl);
            created.put(bulkId, resource.id());
            succeeded(result, 201, resource, location);
          }
          case "PUT" ->
              succeeded(
                  result,
                  200,
                  address.groups()
                      ? groups.replace(required(id), object(resolvedData), version, actor, baseUrl)
                      : users.replace(required(id), object(resolvedData), version, actor, baseUrl),
                  location);
          case "PATCH" ->
              succeeded(
                  result,
                  200,
                  address.groups()
                      ? groups.patch(required(id), object(resolvedData), version, actor, baseUrl)
                      : users.patch(required(id), object(resolvedData), version, actor, baseUrl),
                  location);
          case "DELETE" -> {
            if (address.groups()) {
              groups.delete(required(id), version, actor);
            } else {
              users.delete(required(id), version, actor, baseUrl);
            }
            result.put("location", location + id);
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

  private static void succeeded(
      ObjectNode result, int status, ServedResource user, String location) {
    result.put("location", location + user.id());
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
      throw BadRequestException.invalidPath(
          "the path must name a resource: /Users/{id} or /Groups/{id}");
    }
    return id;
  }

  private static ObjectNode object(@Nullable JsonNode data) throws BadRequestException {
    if (data == null || !data.isObject()) {
      throw BadRequestException.invalidSyntax("the operation needs a data object");
    }
    return (ObjectNode) data;
  }

  /** Where an operation goes: Users or Groups, and the resource's id (null for the endpoint). */
  private record Address(boolean groups, @Nullable String id) {
    String endpoint() {
      return groups ? "/Groups/" : "/Users/";
    }
  }

  /** The address of {@code /Users[/{id}]} or {@code /Groups[/{id}]}; anything else: invalidPath. */
  private static Address address(String path) throws BadRequestException {
    String trimmed = path.strip();
    for (String endpoint : new String[] {"/Users", "/Groups"}) {
      boolean groups = endpoint.equals("/Groups");
      if (trimmed.equalsIgnoreCase(endpoint)) {
        return new Address(groups, null);
      }
      int length = endpoint.length() + 1;
      if (trimmed.regionMatches(true, 0, endpoint + "/", 0, length) && trimmed.length() > length) {
        String id = trimmed.substring(length);
        if (!id.contains("/")) {
          return new Address(groups, id);
        }
      }
    }
    throw BadRequestException.invalidPath(
        "bulk operations address /Users, /Users/{id}, /Groups or /Groups/{id}");
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
      // a new object: the entries of an ObjectNode's field iterator cannot be set
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        copy.set(field.getKey(), resolveValues(field.getValue(), created));
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
    JsonNode value = JsonFields.field(node, name);
    return value == null || !value.isTextual() ? null : value.textValue();
  }
}
