package io.tenure.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.tenure.scim.server.schema.ScimSchemas;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Reading request bodies and writing SCIM responses with the SCIM SDK's own (Jackson 2) mapper, as
 * {@code application/scim+json}.
 */
final class ScimResponses {

  static final MediaType SCIM = MediaType.parseMediaType(ScimSchemas.MEDIA_TYPE);

  private ScimResponses() {}

  /** The body as a JSON object, or invalidSyntax. */
  static ObjectNode object(byte @Nullable [] body) throws BadRequestException {
    if (body == null || body.length == 0) {
      throw BadRequestException.invalidSyntax("the request needs a JSON object body");
    }
    JsonNode node;
    try {
      node = JsonUtils.getObjectReader().readTree(body);
    } catch (IOException | RuntimeException e) {
      throw BadRequestException.invalidSyntax("the body is not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw BadRequestException.invalidSyntax("the body must be a JSON object");
    }
    return (ObjectNode) node;
  }

  static ResponseEntity<byte[]> json(HttpStatus status, JsonNode body, HttpHeaders headers) {
    try {
      return ResponseEntity.status(status)
          .headers(headers)
          .contentType(SCIM)
          .body(JsonUtils.getObjectWriter().writeValueAsBytes(body));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a SCIM response", e);
    }
  }

  static ResponseEntity<byte[]> json(HttpStatus status, JsonNode body) {
    return json(status, body, new HttpHeaders());
  }

  /** A SCIM error response. */
  static ResponseEntity<byte[]> error(int status, @Nullable String scimType, String detail) {
    return error(status, scimType, detail, new HttpHeaders());
  }

  /** A SCIM error response with these headers. */
  static ResponseEntity<byte[]> error(
      int status, @Nullable String scimType, String detail, HttpHeaders headers) {
    ObjectNode error = JsonNodeFactory.instance.objectNode();
    error.putArray("schemas").add(ScimSchemas.ERROR);
    error.put("status", Integer.toString(status));
    if (scimType != null) {
      error.put("scimType", scimType);
    }
    error.put("detail", detail);
    return json(HttpStatus.valueOf(status), error, headers);
  }

  static ResponseEntity<byte[]> error(ScimException e) {
    return error(
        e.getScimError().getStatus(),
        e.getScimError().getScimType(),
        String.valueOf(e.getScimError().getDetail()));
  }

  /** A ListResponse. */
  static ObjectNode list(long totalResults, int startIndex, List<? extends JsonNode> resources) {
    ObjectNode list = JsonNodeFactory.instance.objectNode();
    list.putArray("schemas").add(ScimSchemas.LIST_RESPONSE);
    list.put("totalResults", totalResults);
    list.put("startIndex", startIndex);
    list.put("itemsPerPage", resources.size());
    ArrayNode array = list.putArray("Resources");
    resources.forEach(array::add);
    return list;
  }

  /** Parses a comma-separated attribute list. */
  static List<String> attributeList(@Nullable String value) {
    List<String> names = new ArrayList<>();
    if (value != null) {
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          names.add(part.strip());
        }
      }
    }
    return names;
  }

  /**
   * The resource with only the requested attributes (plus {@code id}, {@code schemas}, {@code
   * meta}), or without the excluded ones; names case-insensitive, with or without a schema URN, one
   * level of sub-attribute ({@code name.givenName}).
   */
  static ObjectNode project(ObjectNode resource, List<String> attributes, List<String> excluded) {
    if (attributes.isEmpty() && excluded.isEmpty()) {
      return resource;
    }
    Set<String> always = Set.of("id", "schemas", "meta");
    ObjectNode result = resource.deepCopy();
    if (!attributes.isEmpty()) {
      Map<String, Set<String>> wanted = paths(attributes);
      for (Iterator<Map.Entry<String, JsonNode>> fields = result.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        String key = field.getKey().toLowerCase(Locale.ROOT);
        if (always.contains(key)) {
          continue;
        }
        if (field.getValue().isObject() && key.startsWith("urn:")) {
          Set<String> inner = new TreeSet<>();
          wanted.forEach(
              (name, subs) -> {
                if (name.startsWith(key + ":")) {
                  inner.add(name.substring(key.length() + 1));
                }
              });
          if (wanted.containsKey(key)) {
            continue;
          }
          if (inner.isEmpty()) {
            fields.remove();
          } else {
            keepOnly((ObjectNode) field.getValue(), inner);
          }
          continue;
        }
        if (!wanted.containsKey(key)) {
          fields.remove();
          continue;
        }
        Set<String> subs = wanted.get(key);
        if (!subs.isEmpty()) {
          keepOnly(field.getValue(), subs);
        }
      }
    }
    for (Map.Entry<String, Set<String>> drop : paths(excluded).entrySet()) {
      String name = drop.getKey();
      if (always.contains(name)) {
        continue;
      }
      int colon = name.lastIndexOf(':');
      ObjectNode holder = result;
      String attribute = name;
      if (colon > 0) {
        JsonNode extension = JsonFields.field(result, name.substring(0, colon));
        if (extension == null || !extension.isObject()) {
          continue;
        }
        holder = (ObjectNode) extension;
        attribute = name.substring(colon + 1);
      }
      String field = fieldName(holder, attribute);
      if (field == null) {
        continue;
      }
      if (drop.getValue().isEmpty()) {
        holder.remove(field);
      } else {
        for (ObjectNode value : objects(holder.get(field))) {
          for (String sub : drop.getValue()) {
            String subField = fieldName(value, sub);
            if (subField != null) {
              value.remove(subField);
            }
          }
        }
      }
    }
    return result;
  }

  /**
   * Keeps only the named sub-attributes of a complex value, or of each value of a multi-valued one.
   */
  private static void keepOnly(JsonNode value, Set<String> names) {
    for (ObjectNode object : objects(value)) {
      List<String> remove = new ArrayList<>();
      object
          .fieldNames()
          .forEachRemaining(
              name -> {
                if (!names.contains(name.toLowerCase(Locale.ROOT))) {
                  remove.add(name);
                }
              });
      object.remove(remove);
    }
  }

  /** The complex value, or the complex values of a multi-valued attribute. */
  private static List<ObjectNode> objects(JsonNode value) {
    List<ObjectNode> objects = new ArrayList<>();
    if (value.isObject()) {
      objects.add((ObjectNode) value);
    } else if (value.isArray()) {
      value.forEach(
          element -> {
            if (element.isObject()) {
              objects.add((ObjectNode) element);
            }
          });
    }
    return objects;
  }

  private static @Nullable String fieldName(ObjectNode object, String lowerName) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (name.equalsIgnoreCase(lowerName)) {
        return name;
      }
    }
    return null;
  }

  /** Lower-case attribute (schema URN kept, core User URN dropped) to its sub-attributes. */
  private static Map<String, Set<String>> paths(List<String> names) {
    Map<String, Set<String>> paths = new java.util.LinkedHashMap<>();
    String core = ScimSchemas.USER.toLowerCase(Locale.ROOT) + ":";
    for (String raw : names) {
      String name = raw.toLowerCase(Locale.ROOT);
      if (name.startsWith(core)) {
        name = name.substring(core.length());
      }
      int colon = name.lastIndexOf(':');
      int dot = name.indexOf('.', colon + 1);
      String attribute = dot < 0 ? name : name.substring(0, dot);
      Set<String> subs = paths.computeIfAbsent(attribute, key -> new TreeSet<>());
      if (dot >= 0) {
        subs.add(name.substring(dot + 1));
      }
    }
    return paths;
  }
}
