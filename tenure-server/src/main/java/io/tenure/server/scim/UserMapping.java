package io.tenure.server.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import io.tenure.core.identity.LifecycleState;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The fixed mapping between SCIM User attributes and identity attributes, used both ways: to show
 * an identity as a SCIM User, to read a pushed User into identity attributes, and to translate
 * filter and sort paths into SQL over the {@code identities} table (alias {@code i}).
 *
 * <pre>
 * SCIM (core / enterprise)           identity attribute
 * userName                           userName (shown: userName, else email, else employeeId, else id)
 * externalId                         externalId
 * name.givenName / name.familyName   givenName / familyName
 * displayName                        displayName (shown: else "givenName familyName")
 * title                              title
 * userType                           employmentType
 * emails (one, type work, primary)   email
 * active                             lifecycle state is not TERMINATED or PURGED
 * enterprise employeeNumber          employeeId
 * enterprise department              department
 * enterprise manager.value           managerId
 * </pre>
 *
 * Other SCIM attributes of the core schema are accepted and not kept.
 */
final class UserMapping {

  /** The identity attributes a SCIM push owns: a PUT replaces all of them. */
  static final Set<String> OWNED =
      Set.of(
          "userName",
          "externalId",
          "givenName",
          "familyName",
          "displayName",
          "title",
          "employmentType",
          "email",
          "employeeId",
          "department",
          "managerId");

  /** The kind of value a column holds, which decides the operators it supports. */
  enum Kind {
    STRING,
    EXACT_STRING,
    BOOLEAN,
    DATE_TIME
  }

  /** A SQL expression over {@code identities i} and its kind. */
  record Column(String sql, Kind kind) {}

  private static String attribute(String name) {
    return "(i.attributes->>'" + name + "')";
  }

  private static final String EMAIL = attribute("email");
  private static final String FULL_NAME =
      "nullif(concat_ws(' ', " + attribute("givenName") + ", " + attribute("familyName") + "), '')";

  private static final Map<String, Column> COLUMNS = new HashMap<>();

  static {
    COLUMNS.put("id", new Column("i.id", Kind.EXACT_STRING));
    COLUMNS.put("externalid", new Column(attribute("externalId"), Kind.EXACT_STRING));
    COLUMNS.put(
        "username",
        new Column(
            "coalesce("
                + attribute("userName")
                + ", "
                + EMAIL
                + ", "
                + attribute("employeeId")
                + ", i.id)",
            Kind.STRING));
    COLUMNS.put("name.givenname", new Column(attribute("givenName"), Kind.STRING));
    COLUMNS.put("name.familyname", new Column(attribute("familyName"), Kind.STRING));
    COLUMNS.put("name.formatted", new Column(FULL_NAME, Kind.STRING));
    COLUMNS.put(
        "displayname",
        new Column("coalesce(" + attribute("displayName") + ", " + FULL_NAME + ")", Kind.STRING));
    COLUMNS.put("title", new Column(attribute("title"), Kind.STRING));
    COLUMNS.put("usertype", new Column(attribute("employmentType"), Kind.STRING));
    COLUMNS.put("active", new Column("(i.state not in ('TERMINATED', 'PURGED'))", Kind.BOOLEAN));
    COLUMNS.put("emails", new Column(EMAIL, Kind.STRING));
    COLUMNS.put("emails.value", new Column(EMAIL, Kind.STRING));
    COLUMNS.put(
        "emails.type",
        new Column("(case when " + EMAIL + " is not null then 'work' end)", Kind.STRING));
    COLUMNS.put(
        "emails.primary",
        new Column("(case when " + EMAIL + " is not null then true end)", Kind.BOOLEAN));
    COLUMNS.put("meta.lastmodified", new Column("i.updated_at", Kind.DATE_TIME));
    COLUMNS.put("meta.resourcetype", new Column("'User'", Kind.STRING));
    String enterprise = ScimSchemas.ENTERPRISE.toLowerCase(Locale.ROOT) + ":";
    COLUMNS.put(enterprise + "employeenumber", new Column(attribute("employeeId"), Kind.STRING));
    COLUMNS.put(enterprise + "department", new Column(attribute("department"), Kind.STRING));
    COLUMNS.put(enterprise + "manager", new Column(attribute("managerId"), Kind.EXACT_STRING));
    COLUMNS.put(
        enterprise + "manager.value", new Column(attribute("managerId"), Kind.EXACT_STRING));
  }

  /** Top-level core attributes a pushed User may carry (lower-case), kept or not. */
  private static final Set<String> CORE_ATTRIBUTES =
      Set.of(
          "schemas",
          "id",
          "externalid",
          "username",
          "name",
          "displayname",
          "nickname",
          "profileurl",
          "title",
          "usertype",
          "preferredlanguage",
          "locale",
          "timezone",
          "active",
          "password",
          "emails",
          "phonenumbers",
          "ims",
          "photos",
          "addresses",
          "groups",
          "entitlements",
          "roles",
          "x509certificates",
          "meta");

  private UserMapping() {}

  /**
   * The column of a filter or sort path: case-insensitive, with or without the core schema's URN,
   * enterprise attributes with theirs.
   *
   * @param prefix the enclosing complex attribute of a value filter ({@code emails}), or null
   */
  static Optional<Column> column(Path path, @Nullable String prefix) {
    StringBuilder key = new StringBuilder();
    String urn = path.getSchemaUrn();
    if (urn != null && !urn.equalsIgnoreCase(ScimSchemas.USER)) {
      key.append(urn.toLowerCase(Locale.ROOT)).append(':');
    }
    if (prefix != null) {
      key.append(prefix.toLowerCase(Locale.ROOT)).append('.');
    }
    for (int index = 0; index < path.size(); index++) {
      if (index > 0) {
        key.append('.');
      }
      key.append(path.getElement(index).getAttribute().toLowerCase(Locale.ROOT));
    }
    return Optional.ofNullable(COLUMNS.get(key.toString()));
  }

  /** The identity as a SCIM User (without meta). */
  static ObjectNode toResource(String id, LifecycleState state, Map<String, String> attributes) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode user = nodes.objectNode();
    ArrayNode schemas = user.putArray("schemas").add(ScimSchemas.USER);
    user.put("id", id);
    put(user, "externalId", attributes.get("externalId"));
    user.put(
        "userName",
        first(
            attributes.get("userName"), attributes.get("email"), attributes.get("employeeId"), id));
    String given = attributes.get("givenName");
    String family = attributes.get("familyName");
    String fullName = fullName(given, family);
    if (given != null || family != null) {
      ObjectNode name = user.putObject("name");
      put(name, "givenName", given);
      put(name, "familyName", family);
      put(name, "formatted", fullName);
    }
    put(user, "displayName", first(attributes.get("displayName"), fullName));
    put(user, "title", attributes.get("title"));
    put(user, "userType", attributes.get("employmentType"));
    user.put("active", state != LifecycleState.TERMINATED && state != LifecycleState.PURGED);
    String email = attributes.get("email");
    if (email != null) {
      user.putArray("emails")
          .addObject()
          .put("value", email)
          .put("type", "work")
          .put("primary", true);
    }
    String employeeId = attributes.get("employeeId");
    String department = attributes.get("department");
    String manager = attributes.get("managerId");
    if (employeeId != null || department != null || manager != null) {
      schemas.add(ScimSchemas.ENTERPRISE);
      ObjectNode enterprise = user.putObject(ScimSchemas.ENTERPRISE);
      put(enterprise, "employeeNumber", employeeId);
      put(enterprise, "department", department);
      if (manager != null) {
        enterprise.putObject("manager").put("value", manager);
      }
    }
    return user;
  }

  /** What a pushed User says: identity attributes (the owned ones) and {@code active} if given. */
  record Pushed(Map<String, String> attributes, Optional<Boolean> active) {}

  /**
   * Reads a pushed User. Attribute names are matched case-insensitively; {@code active} may be a
   * boolean or the strings "true"/"false" in any case.
   *
   * @throws BadRequestException invalidValue for a missing userName or a value of the wrong type,
   *     invalidSyntax for an attribute that is in no schema the server knows
   */
  static Pushed fromResource(ObjectNode user) throws BadRequestException {
    Map<String, String> attributes = new TreeMap<>();
    Boolean active = null;
    ObjectNode enterprise = null;
    for (Iterator<Map.Entry<String, JsonNode>> fields = user.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey().toLowerCase(Locale.ROOT);
      JsonNode value = field.getValue();
      if (name.equals(ScimSchemas.ENTERPRISE.toLowerCase(Locale.ROOT))) {
        if (!value.isObject() && !value.isNull()) {
          throw BadRequestException.invalidValue("the enterprise extension must be an object");
        }
        enterprise = value.isObject() ? (ObjectNode) value : null;
        continue;
      }
      if (!CORE_ATTRIBUTES.contains(name)) {
        throw BadRequestException.invalidSyntax(
            "attribute '" + field.getKey() + "' is not in the User schema or its extensions");
      }
      switch (name) {
        case "username" -> text(attributes, "userName", value, "userName");
        case "externalid" -> text(attributes, "externalId", value, "externalId");
        case "displayname" -> text(attributes, "displayName", value, "displayName");
        case "title" -> text(attributes, "title", value, "title");
        case "usertype" -> text(attributes, "employmentType", value, "userType");
        case "name" -> {
          if (value.isObject()) {
            text(attributes, "givenName", field(value, "givenName"), "name.givenName");
            text(attributes, "familyName", field(value, "familyName"), "name.familyName");
          } else if (!value.isNull()) {
            throw BadRequestException.invalidValue("name must be an object");
          }
        }
        case "emails" -> email(attributes, value);
        case "active" -> active = bool(value);
        default -> {
          // accepted, not kept
        }
      }
    }
    if (enterprise != null) {
      text(attributes, "employeeId", field(enterprise, "employeeNumber"), "employeeNumber");
      text(attributes, "department", field(enterprise, "department"), "department");
      JsonNode manager = field(enterprise, "manager");
      if (manager != null && manager.isObject()) {
        text(attributes, "managerId", field(manager, "value"), "manager.value");
      } else {
        text(attributes, "managerId", manager, "manager");
      }
    }
    String userName = attributes.get("userName");
    if (userName == null || userName.isBlank()) {
      throw BadRequestException.invalidValue("userName is required");
    }
    return new Pushed(attributes, Optional.ofNullable(active));
  }

  /** {@code active} as given: a boolean or a string "true"/"false" (any case). */
  static @Nullable Boolean bool(@Nullable JsonNode value) throws BadRequestException {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isTextual()) {
      String text = value.textValue().strip();
      if (text.equalsIgnoreCase("true")) {
        return true;
      }
      if (text.equalsIgnoreCase("false")) {
        return false;
      }
    }
    throw BadRequestException.invalidValue("active must be a boolean, not " + value);
  }

  private static void email(Map<String, String> attributes, JsonNode emails)
      throws BadRequestException {
    if (emails.isNull()) {
      return;
    }
    if (!emails.isArray()) {
      throw BadRequestException.invalidValue("emails must be an array");
    }
    JsonNode chosen = null;
    for (JsonNode email : emails) {
      if (!email.isObject()) {
        throw BadRequestException.invalidValue("each of emails must be an object");
      }
      Boolean primary = bool(field(email, "primary"));
      JsonNode type = field(email, "type");
      boolean work = type != null && type.isTextual() && type.textValue().equalsIgnoreCase("work");
      if (chosen == null
          || Boolean.TRUE.equals(primary)
          || (work && !Boolean.TRUE.equals(bool(field(chosen, "primary"))))) {
        chosen = email;
      }
    }
    if (chosen != null) {
      text(attributes, "email", field(chosen, "value"), "emails.value");
    }
  }

  private static void text(
      Map<String, String> attributes, String attribute, @Nullable JsonNode value, String scimName)
      throws BadRequestException {
    if (value == null || value.isNull()) {
      return;
    }
    if (!value.isTextual()) {
      throw BadRequestException.invalidValue(scimName + " must be a string, not " + value);
    }
    if (!value.textValue().isBlank()) {
      attributes.put(attribute, value.textValue());
    }
  }

  /** The field of an object whose name matches case-insensitively. */
  static @Nullable JsonNode field(JsonNode object, String name) {
    for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getKey().equalsIgnoreCase(name)) {
        return field.getValue();
      }
    }
    return null;
  }

  private static void put(ObjectNode node, String name, @Nullable String value) {
    if (value != null) {
      node.put(name, value);
    }
  }

  private static @Nullable String fullName(@Nullable String given, @Nullable String family) {
    String joined =
        String.join(
            " ",
            java.util.stream.Stream.of(given, family)
                .filter(part -> part != null && !part.isBlank())
                .map(String::valueOf)
                .toList());
    return joined.isEmpty() ? null : joined;
  }

  private static @Nullable String first(@Nullable String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  /** The resource's {@code meta} object. */
  static ObjectNode meta(String location, Instant lastModified, String version) {
    ObjectNode meta = JsonNodeFactory.instance.objectNode();
    meta.put("resourceType", "User");
    meta.put("lastModified", lastModified.toString());
    meta.put("location", location);
    meta.put("version", version);
    return meta;
  }
}
