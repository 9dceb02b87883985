package io.tenure.connector.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.PatchOperation;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes mapped attributes on the JSON of a SCIM resource, and computes the minimal PATCH
 * operations that turn the current values of an attribute into new ones. Attribute names are
 * matched ignoring case, as SCIM requires.
 */
final class ResourceJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Top-level attributes never reported as account attributes. */
  private static final Set<String> NOT_ATTRIBUTES =
      Set.of("id", "meta", "schemas", "username", "active", "groups", "password");

  private ResourceJson() {}

  /** The field of an object whose name equals {@code name} ignoring case. */
  static @Nullable JsonNode field(@Nullable JsonNode node, String name) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode exact = node.get(name);
    if (exact != null) {
      return exact;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (entry.getKey().equalsIgnoreCase(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  /** The text of a field, if it is a scalar. */
  static @Nullable String text(@Nullable JsonNode node, String name) {
    JsonNode value = field(node, name);
    return value == null || !value.isValueNode() || value.isNull() ? null : value.asText();
  }

  /** The current values of a mapped attribute; empty if absent. */
  static List<String> read(ObjectNode resource, AttributePath path) {
    JsonNode container = path.schemaUrn() == null ? resource : field(resource, path.schemaUrn());
    JsonNode value = field(container, path.attribute());
    if (value == null || value.isNull()) {
      return List.of();
    }
    return switch (path.kind()) {
      case SIMPLE -> scalars(value);
      case SUB_ATTRIBUTE -> {
        JsonNode sub = field(value, Objects.requireNonNull(path.qualifier()));
        yield sub == null ? List.of() : scalars(sub);
      }
      case TYPED_VALUES -> {
        List<String> values = new ArrayList<>();
        if (value.isArray()) {
          for (JsonNode entry : value) {
            if (typeMatches(entry, path.qualifier())) {
              String text = text(entry, "value");
              if (text != null) {
                values.add(text);
              }
            }
          }
        }
        yield values;
      }
    };
  }

  /** Every attribute of a resource by the naming convention, or only the configured ones. */
  static Map<String, List<String>> attributes(ObjectNode resource, ScimSettings settings) {
    Map<String, List<String>> result = new LinkedHashMap<>();
    if (!settings.readAttributes().isEmpty()) {
      for (String name : settings.readAttributes()) {
        List<String> values = read(resource, AttributePath.parse(name, settings));
        if (!values.isEmpty()) {
          result.put(name, values);
        }
      }
      return result;
    }
    flatten(resource, null, settings, result);
    return result;
  }

  private static void flatten(
      JsonNode container,
      @Nullable String urn,
      ScimSettings settings,
      Map<String, List<String>> result) {
    String prefix = urn == null ? "" : urn + ":";
    for (Iterator<Map.Entry<String, JsonNode>> it = container.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String name = entry.getKey();
      JsonNode value = entry.getValue();
      if (urn == null && name.regionMatches(true, 0, "urn:", 0, 4)) {
        if (value.isObject()) {
          flatten(value, name, settings, result);
        }
        continue;
      }
      if (urn == null && NOT_ATTRIBUTES.contains(name.toLowerCase(Locale.ROOT))) {
        continue;
      }
      if (value.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> subs = value.fields(); subs.hasNext(); ) {
          Map.Entry<String, JsonNode> sub = subs.next();
          put(result, prefix + name + "." + sub.getKey(), scalars(sub.getValue()));
        }
      } else if (value.isArray() && (settings.isMultiValued(name) || hasObjects(value))) {
        for (JsonNode element : value) {
          String type = text(element, "type");
          String text = text(element, "value");
          if (text != null) {
            String key = prefix + name + (type == null ? "" : "." + type);
            result.computeIfAbsent(key, k -> new ArrayList<>()).add(text);
          }
        }
      } else {
        put(result, prefix + name, scalars(value));
      }
    }
  }

  private static boolean hasObjects(JsonNode array) {
    for (JsonNode element : array) {
      if (element.isObject()) {
        return true;
      }
    }
    return false;
  }

  private static void put(Map<String, List<String>> result, String key, List<String> values) {
    if (!values.isEmpty()) {
      result.put(key, values);
    }
  }

  /**
   * Sets a mapped attribute on a resource (for a create or a full replace); an empty list removes
   * it. The extension URN is added to {@code schemas} when needed.
   */
  static void write(ObjectNode resource, AttributePath path, List<String> values) {
    ObjectNode container = resource;
    if (path.schemaUrn() != null) {
      container = objectField(resource, path.schemaUrn(), !values.isEmpty());
      if (container == null) {
        return;
      }
      addSchema(resource, path.schemaUrn());
    }
    switch (path.kind()) {
      case SIMPLE -> {
        remove(container, path.attribute());
        if (!values.isEmpty()) {
          container.set(path.attribute(), textValue(values));
        }
      }
      case SUB_ATTRIBUTE -> {
        ObjectNode complex = objectField(container, path.attribute(), !values.isEmpty());
        if (complex != null) {
          remove(complex, Objects.requireNonNull(path.qualifier()));
          if (!values.isEmpty()) {
            complex.set(path.qualifier(), textValue(values));
          }
          if (complex.isEmpty()) {
            remove(container, path.attribute());
          }
        }
      }
      case TYPED_VALUES -> {
        JsonNode existing = field(container, path.attribute());
        ArrayNode kept = NODES.arrayNode();
        if (existing != null && existing.isArray()) {
          for (JsonNode entry : existing) {
            if (!typeMatches(entry, path.qualifier())) {
              kept.add(entry);
            }
          }
        }
        kept.addAll(typedEntries(path.qualifier(), values));
        remove(container, path.attribute());
        if (!kept.isEmpty()) {
          container.set(path.attribute(), kept);
        }
      }
    }
    if (path.schemaUrn() != null && container.isEmpty()) {
      remove(resource, path.schemaUrn());
    }
  }

  /**
   * The PATCH operations that change the attribute from its current values in {@code resource} to
   * {@code values}: none when they are equal (ignoring order).
   */
  static List<PatchOperation> patch(ObjectNode resource, AttributePath path, List<String> values) {
    List<String> current = read(resource, path);
    if (sameValues(current, values)) {
      return List.of();
    }
    try {
      Path target = Path.fromString(path.scimPath());
      List<PatchOperation> operations = new ArrayList<>();
      if (path.kind() != AttributePath.Kind.TYPED_VALUES) {
        operations.add(
            values.isEmpty()
                ? PatchOperation.remove(target)
                : PatchOperation.replace(target, textValue(values)));
        return operations;
      }
      String attribute = path.attribute();
      Path base = path.schemaUrn() == null ? Path.root() : Path.root(path.schemaUrn());
      if (!current.isEmpty()) {
        if (path.qualifier() != null) {
          operations.add(
              PatchOperation.remove(
                  base.attribute(attribute, Filter.eq("type", path.qualifier()))));
        } else {
          for (String value : current) {
            operations.add(
                PatchOperation.remove(base.attribute(attribute, Filter.eq("value", value))));
          }
        }
      }
      if (!values.isEmpty()) {
        operations.add(
            PatchOperation.add(base.attribute(attribute), typedEntries(path.qualifier(), values)));
      }
      return operations;
    } catch (BadRequestException e) {
      throw new ConnectorException(
          ErrorKind.INVALID_INPUT,
          "attribute name '" + path.text() + "' is not a valid SCIM path: " + e.getMessage(),
          e);
    }
  }

  static boolean sameValues(List<String> current, List<String> values) {
    if (current.size() != values.size()) {
      return false;
    }
    List<String> left = new ArrayList<>(current);
    List<String> right = new ArrayList<>(values);
    left.sort(null);
    right.sort(null);
    return left.equals(right);
  }

  private static ArrayNode typedEntries(@Nullable String type, List<String> values) {
    ArrayNode entries = NODES.arrayNode();
    for (String value : values) {
      ObjectNode entry = entries.addObject();
      entry.put("value", value);
      if (type != null) {
        entry.put("type", type);
      }
    }
    return entries;
  }

  private static boolean typeMatches(JsonNode entry, @Nullable String type) {
    String actual = text(entry, "type");
    return type == null ? actual == null : type.equalsIgnoreCase(actual);
  }

  private static List<String> scalars(JsonNode value) {
    if (value.isArray()) {
      List<String> values = new ArrayList<>();
      for (JsonNode element : value) {
        if (element.isValueNode() && !element.isNull()) {
          values.add(element.asText());
        }
      }
      return values;
    }
    return value.isValueNode() && !value.isNull() ? List.of(value.asText()) : List.of();
  }

  private static JsonNode textValue(List<String> values) {
    if (values.size() == 1) {
      return NODES.textNode(values.get(0));
    }
    ArrayNode array = NODES.arrayNode();
    values.forEach(array::add);
    return array;
  }

  private static @Nullable ObjectNode objectField(ObjectNode parent, String name, boolean create) {
    JsonNode existing = field(parent, name);
    if (existing instanceof ObjectNode object) {
      return object;
    }
    if (!create) {
      return null;
    }
    remove(parent, name);
    return parent.putObject(name);
  }

  /** Removes every field named {@code name} ignoring case. */
  static void remove(ObjectNode node, String name) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    for (String candidate : names) {
      if (candidate.equalsIgnoreCase(name)) {
        node.remove(candidate);
      }
    }
  }

  private static void addSchema(ObjectNode resource, String urn) {
    JsonNode schemas = field(resource, "schemas");
    ArrayNode array;
    if (schemas instanceof ArrayNode existing) {
      array = existing;
    } else {
      array = resource.putArray("schemas");
    }
    for (JsonNode schema : array) {
      if (schema.asText().equalsIgnoreCase(urn)) {
        return;
      }
    }
    array.add(urn);
  }
}
