package io.tenure.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The core User schema and the enterprise extension (RFC 7643 sections 4.1, 4.3), as the server
 * supports them: what the Schemas endpoint lists, how a pushed User is checked and normalised
 * (canonical attribute names, types), and which attributes filters and sorting can reach.
 *
 * <p>{@code password} is accepted and discarded: Tenure keeps no passwords. {@code groups} (a
 * User's Groups, shown from their members) is read-only and ignored on input, like {@code id} and
 * {@code meta}.
 */
final class UserSchema {

  /** The data type of an attribute. */
  enum Type {
    STRING,
    BOOLEAN,
    DATE_TIME,
    REFERENCE,
    BINARY,
    COMPLEX;

    String scimName() {
      return switch (this) {
        case DATE_TIME -> "dateTime";
        default -> name().toLowerCase(Locale.ROOT);
      };
    }
  }

  /**
   * One attribute.
   *
   * @param mutability readOnly, readWrite, immutable or writeOnly
   * @param returned always, never, default or request
   * @param uniqueness none, server or global
   * @param referenceTypes of a reference: the resource types (or external) it points to
   */
  record Attribute(
      String name,
      Type type,
      boolean multiValued,
      boolean required,
      boolean caseExact,
      String mutability,
      String returned,
      String uniqueness,
      String description,
      List<String> canonicalValues,
      List<Attribute> subAttributes,
      List<String> referenceTypes) {

    Attribute {
      canonicalValues = List.copyOf(canonicalValues);
      subAttributes = List.copyOf(subAttributes);
      referenceTypes = List.copyOf(referenceTypes);
    }

    /** The same attribute, read-only with all its sub-attributes. */
    Attribute readOnlyCopy() {
      return new Attribute(
          name,
          type,
          multiValued,
          required,
          caseExact,
          "readOnly",
          returned,
          uniqueness,
          description,
          canonicalValues,
          subAttributes.stream().map(Attribute::readOnlyCopy).toList(),
          referenceTypes);
    }

    /** The sub-attribute whose name matches case-insensitively. */
    Optional<Attribute> sub(String name) {
      return find(subAttributes, name);
    }

    boolean readOnly() {
      return mutability.equals("readOnly");
    }

    /** As the Schemas endpoint shows it. */
    ObjectNode describe() {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      node.put("name", name);
      node.put("type", type.scimName());
      node.put("multiValued", multiValued);
      node.put("description", description);
      node.put("required", required);
      if (type == Type.STRING || type == Type.REFERENCE || type == Type.BINARY) {
        node.put("caseExact", caseExact);
      }
      if (!canonicalValues.isEmpty()) {
        ArrayNode values = node.putArray("canonicalValues");
        canonicalValues.forEach(values::add);
      }
      if (!referenceTypes.isEmpty()) {
        ArrayNode types = node.putArray("referenceTypes");
        referenceTypes.forEach(types::add);
      }
      node.put("mutability", mutability);
      node.put("returned", returned);
      node.put("uniqueness", uniqueness);
      if (!subAttributes.isEmpty()) {
        ArrayNode subs = node.putArray("subAttributes");
        subAttributes.forEach(sub -> subs.add(sub.describe()));
      }
      return node;
    }
  }

  /** A single-valued simple attribute. */
  private static Attribute single(
      String name,
      Type type,
      boolean required,
      boolean caseExact,
      String mutability,
      String returned,
      String uniqueness,
      String description) {
    return new Attribute(
        name,
        type,
        false,
        required,
        caseExact,
        mutability,
        returned,
        uniqueness,
        description,
        List.of(),
        List.of(),
        type == Type.REFERENCE ? List.of(name.equals("$ref") ? "User" : "external") : List.of());
  }

  private static Attribute simple(String name, Type type, String description) {
    return single(
        name,
        type,
        false,
        type == Type.REFERENCE || type == Type.BINARY,
        "readWrite",
        "default",
        "none",
        description);
  }

  private static Attribute string(String name, String description) {
    return simple(name, Type.STRING, description);
  }

  private static Attribute complex(
      String name, boolean multiValued, String description, Attribute... subAttributes) {
    return new Attribute(
        name,
        Type.COMPLEX,
        multiValued,
        false,
        false,
        "readWrite",
        "default",
        "none",
        description,
        List.of(),
        List.of(subAttributes),
        List.of());
  }

  private static Attribute typed(String... canonicalValues) {
    return new Attribute(
        "type",
        Type.STRING,
        false,
        false,
        false,
        "readWrite",
        "default",
        "none",
        "A label for the value's function",
        List.of(canonicalValues),
        List.of(),
        List.of());
  }

  /** A multi-valued attribute with value, display, type and primary (RFC 7643 section 2.4). */
  private static Attribute plural(
      String name, Type valueType, String description, String... types) {
    return complex(
        name,
        true,
        description,
        simple("value", valueType, "The value"),
        string("display", "A human-readable name"),
        typed(types),
        simple("primary", Type.BOOLEAN, "The preferred value (at most one)"));
  }

  /**
   * A User's Groups: read-only, shown from the Groups' members (changed through the Groups),
   * ignored on input.
   */
  private static final Attribute GROUPS =
      complex(
              "groups",
              true,
              "The Groups the User is a member of (changed through the Groups)",
              single(
                  "value",
                  Type.STRING,
                  false,
                  true,
                  "readOnly",
                  "default",
                  "none",
                  "The Group's id"),
              new Attribute(
                  "$ref",
                  Type.REFERENCE,
                  false,
                  false,
                  true,
                  "readOnly",
                  "default",
                  "none",
                  "The Group's URI",
                  List.of(),
                  List.of(),
                  List.of("Group")),
              string("display", "The Group's displayName"),
              typed("direct", "indirect"))
          .readOnlyCopy();

  /** The core User schema's attributes (without id, meta and schemas). */
  static final List<Attribute> CORE =
      List.of(
          single(
              "externalId",
              Type.STRING,
              false,
              true,
              "readWrite",
              "default",
              "none",
              "The client's identifier; correlates first"),
          single(
              "userName",
              Type.STRING,
              true,
              false,
              "readWrite",
              "default",
              "server",
              "Unique among visible Users (ignoring case)"),
          complex(
              "name",
              false,
              "The person's name",
              string("formatted", "The full name"),
              string("familyName", "The family name"),
              string("givenName", "The given name"),
              string("middleName", "The middle name(s)"),
              string("honorificPrefix", "For example Ms."),
              string("honorificSuffix", "For example III")),
          string("displayName", "The name to show (else the given and family name)"),
          string("nickName", "The casual name"),
          simple("profileUrl", Type.REFERENCE, "The online profile"),
          string("title", "The job title"),
          string("userType", "The relationship to the organisation (identity: employmentType)"),
          string("preferredLanguage", "For example en-US"),
          string("locale", "For example en-US"),
          string("timezone", "For example Europe/Berlin"),
          single(
              "active",
              Type.BOOLEAN,
              false,
              false,
              "readWrite",
              "default",
              "none",
              "false (or a DELETE) is a leaver event: accounts are disabled at once"),
          single(
              "password",
              Type.STRING,
              false,
              false,
              "writeOnly",
              "never",
              "none",
              "Accepted and discarded: Tenure keeps no passwords"),
          plural("emails", Type.STRING, "E-mail addresses", "work", "home", "other"),
          plural(
              "phoneNumbers",
              Type.STRING,
              "Phone numbers",
              "work",
              "home",
              "mobile",
              "fax",
              "pager",
              "other"),
          plural(
              "ims",
              Type.STRING,
              "Instant messaging addresses",
              "aim",
              "gtalk",
              "icq",
              "xmpp",
              "msn",
              "skype",
              "qq",
              "yahoo"),
          plural("photos", Type.REFERENCE, "Photo URLs", "photo", "thumbnail"),
          complex(
              "addresses",
              true,
              "Physical mailing addresses",
              string("formatted", "The full address"),
              string("streetAddress", "The street"),
              string("locality", "The city"),
              string("region", "The state or region"),
              string("postalCode", "The postal code"),
              string("country", "ISO 3166-1 alpha-2 country code"),
              typed("work", "home", "other"),
              simple("primary", Type.BOOLEAN, "The preferred address (at most one)")),
          GROUPS,
          plural("entitlements", Type.STRING, "Entitlements"),
          plural("roles", Type.STRING, "Roles"),
          plural("x509Certificates", Type.BINARY, "DER certificates, base64"));

  /** The enterprise extension's attributes. */
  static final List<Attribute> ENTERPRISE =
      List.of(
          string("employeeNumber", "The employee number (identity: employeeId); correlates"),
          string("costCenter", "The cost center"),
          string("organization", "The organisation"),
          string("division", "The division"),
          string("department", "The department"),
          complex(
              "manager",
              false,
              "The manager (identity: managerId)",
              single(
                  "value",
                  Type.STRING,
                  false,
                  true,
                  "readWrite",
                  "default",
                  "none",
                  "The manager's id"),
              single(
                  "$ref",
                  Type.REFERENCE,
                  false,
                  true,
                  "readWrite",
                  "default",
                  "none",
                  "The manager's URI"),
              single(
                  "displayName",
                  Type.STRING,
                  false,
                  false,
                  "readOnly",
                  "default",
                  "none",
                  "The manager's name")));

  /** Read-only core attributes a client may send back; they are ignored on input. */
  private static final List<String> IGNORED = List.of("id", "meta");

  private UserSchema() {}

  static Optional<Attribute> find(List<Attribute> attributes, String name) {
    return attributes.stream()
        .filter(attribute -> attribute.name().equalsIgnoreCase(name))
        .findFirst();
  }

  /**
   * A PATCH path with the attribute names as the schemas spell them ({@code phonenumbers[type eq
   * "work"].VALUE} becomes {@code phoneNumbers[type eq "work"].value}), so that the SDK, which
   * matches names exactly, finds them; names in no schema are left as they are.
   */
  static String canonicalPath(String text) {
    Path path;
    try {
      path = Path.fromString(text);
    } catch (BadRequestException | RuntimeException e) {
      return text; // the SDK reports it
    }
    String urn = path.getSchemaUrn();
    List<Attribute> attributes = CORE;
    Path result = Path.root();
    if (urn != null && urn.equalsIgnoreCase(ScimSchemas.ENTERPRISE)) {
      attributes = ENTERPRISE;
      result = Path.root(ScimSchemas.ENTERPRISE);
    } else if (urn != null) {
      result = Path.root(urn.equalsIgnoreCase(ScimSchemas.USER) ? ScimSchemas.USER : urn);
    }
    Optional<Attribute> current = Optional.empty();
    for (int index = 0; index < path.size(); index++) {
      Path.Element element = path.getElement(index);
      String name = element.getAttribute();
      current = index == 0 ? find(attributes, name) : current.flatMap(found -> found.sub(name));
      result =
          result.attribute(current.map(Attribute::name).orElse(name), element.getValueFilter());
    }
    return result.toString();
  }

  /**
   * A pushed User with canonical attribute names, checked against the schemas: read-only
   * attributes, {@code password}, {@code active}, nulls and empty values are dropped; {@code
   * schemas} is left out (it is recomputed when the User is served).
   *
   * @throws BadRequestException invalidSyntax for an attribute in no schema, invalidValue for a
   *     value of the wrong type
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
              find(ENTERPRISE, entry.getKey())
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
          putChecked(extension, attribute, given, attribute.name());
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
          find(CORE, bare)
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
    if (attribute.type() != Type.COMPLEX) {
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
