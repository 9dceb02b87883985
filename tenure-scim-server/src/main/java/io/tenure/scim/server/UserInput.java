package io.tenure.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import io.tenure.scim.server.schema.Attribute;
import io.tenure.scim.server.schema.ScimSchemas;
import io.tenure.scim.server.schema.UserSchema;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A pushed User checked against the User schemas ({@link UserSchema}) and normalised to what is
 * stored: canonical attribute names, values of the attributes' types, no value holding a control
 * character ({@link ValueCharacters}); {@code password} is accepted and discarded, read-only
 * attributes ({@code id}, {@code meta}, {@code groups}) are ignored.
 */
final class UserInput {

  private UserInput() {}

  /** Read-only core attributes a client may send back; they are ignored on input. */
  private static final List<String> IGNORED = List.of("id", "meta");

  /**
   * A pushed User with canonical attribute names, checked against the schemas: read-only
   * attributes, {@code password}, {@code active}, nulls and empty values are dropped; {@code
   * schemas} is left out (it is recomputed when the User is served).
   *
   * @throws BadRequestException invalidSyntax for an attribute in no schema, invalidValue for a
   *     value of the wrong type or a value holding a control character (naming the attribute)
   */
  static ObjectNode normalise(ObjectNode user) throws BadRequestException {
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> fields = user.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (name.equalsIgnoreCase(ScimSchemas.ENTERPRISE)) {
        if (value.isNull()) {
          continue;
        }
        if (!value.isObject()) {
          throw BadRequestException.invalidValue("the enterprise extension must be an object");
        }
        ObjectNode extension = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> inner = value.fields(); inner.hasNext(); ) {
          Map.Entry<String, JsonNode> entry = inner.next();
          Attribute attribute =
              UserSchema.find(UserSchema.ENTERPRISE, entry.getKey())
                  .orElseThrow(
                      () ->
                          BadRequestException.invalidSyntax(
                              "attribute '"
                                  + entry.getKey()
                                  + "' is not in the enterprise User extension"));
          JsonNode given = entry.getValue();
          if (attribute.name().equals("manager") && given.isTextual()) {
            // some clients send the manager's id alone
            given = JsonNodeFactory.instance.objectNode().set("value", given);
          }
          putChecked(extension, attribute, given, ScimSchemas.ENTERPRISE + ":" + attribute.name());
        }
        if (!extension.isEmpty()) {
          result.set(ScimSchemas.ENTERPRISE, extension);
        }
        continue;
      }
      String bare = withoutCoreUrn(name);
      if (bare.equalsIgnoreCase("schemas")
          || bare.equalsIgnoreCase("active")
          || IGNORED.stream().anyMatch(bare::equalsIgnoreCase)) {
        continue;
      }
      Attribute attribute =
          UserSchema.find(UserSchema.CORE, bare)
              .orElseThrow(
                  () ->
                      BadRequestException.invalidSyntax(
                          "attribute '" + name + "' is not in the User schema or its extensions"));
      if (attribute.name().equals("password")) {
        checkType(attribute, value, "password");
        continue;
      }
      putChecked(result, attribute, value, attribute.name());
    }
    return result;
  }

  private static String withoutCoreUrn(String name) {
    String prefix = ScimSchemas.USER + ":";
    return name.regionMatches(true, 0, prefix, 0, prefix.length())
        ? name.substring(prefix.length())
        : name;
  }

  private static void putChecked(
      ObjectNode holder, Attribute attribute, JsonNode value, String path)
      throws BadRequestException {
    if (value == null || value.isNull() || attribute.readOnly()) {
      return;
    }
    if (attribute.multiValued()) {
      if (!value.isArray()) {
        throw BadRequestException.invalidValue(path + " must be an array, not " + value);
      }
      ArrayNode values = JsonNodeFactory.instance.arrayNode();
      for (JsonNode element : value) {
        JsonNode checked = checked(attribute, element, path);
        if (checked != null) {
          values.add(checked);
        }
      }
      if (!values.isEmpty()) {
        holder.set(attribute.name(), values);
      }
      return;
    }
    JsonNode checked = checked(attribute, value, path);
    if (checked != null) {
      holder.set(attribute.name(), checked);
    }
  }

  /** One value of the attribute, checked and normalised, or null if empty. */
  private static @Nullable JsonNode checked(Attribute attribute, JsonNode value, String path)
      throws BadRequestException {
    if (value.isNull()) {
      return null;
    }
    if (attribute.type() != Attribute.Type.COMPLEX) {
      return checkType(attribute, value, path);
    }
    if (!value.isObject()) {
      throw BadRequestException.invalidValue(path + " must be an object, not " + value);
    }
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      Attribute sub =
          attribute
              .sub(field.getKey())
              .orElseThrow(
                  () ->
                      BadRequestException.invalidSyntax(
                          "'" + path + "." + field.getKey() + "' is not in the User schema"));
      putChecked(result, sub, field.getValue(), path + "." + sub.name());
    }
    return result.isEmpty() ? null : result;
  }

  private static JsonNode checkType(Attribute attribute, JsonNode value, String path)
      throws BadRequestException {
    ValueCharacters.check(path, value);
    switch (attribute.type()) {
      case BOOLEAN -> {
        Boolean bool;
        try {
          bool = UserMapping.bool(value);
        } catch (BadRequestException e) {
          bool = null;
        }
        if (bool == null) {
          throw BadRequestException.invalidValue(path + " must be a boolean");
        }
        return JsonNodeFactory.instance.booleanNode(bool);
      }
      case DATE_TIME -> {
        if (!value.isTextual()) {
          throw BadRequestException.invalidValue(path + " must be a dateTime, not " + value);
        }
        try {
          OffsetDateTime.parse(value.textValue());
        } catch (DateTimeParseException e) {
          throw BadRequestException.invalidValue(path + " must be a dateTime, not " + value);
        }
        return value;
      }
      case BINARY -> {
        if (!value.isTextual()) {
          throw BadRequestException.invalidValue(path + " must be base64 text, not " + value);
        }
        try {
          Base64.getMimeDecoder().decode(value.textValue());
        } catch (IllegalArgumentException e) {
          throw BadRequestException.invalidValue(path + " must be base64 text");
        }
        return value;
      }
      default -> {
        if (!value.isTextual()) {
          throw BadRequestException.invalidValue(path + " must be a string, not " + value);
        }
        return value;
      }
    }
  }
}
