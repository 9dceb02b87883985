package io.tenure.scim.server;

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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The fixed mapping between SCIM User attributes and identity attributes, used both ways: to show
 * an identity as a SCIM User, to read a pushed User into identity attributes, and to translate
 * filter and sort paths into SQL over the {@code identities} table (alias {@code i}) joined with
 * the stored SCIM resources ({@code scim_users}, alias {@code s}).
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
 * Every other attribute of the core User schema and the enterprise extension ({@link UserSchema})
 * is kept as pushed, in the stored resource. A User is served as its stored resource with the
 * mapped attributes taken from the identity (which other sources may have changed since). The
 * read-only {@code groups} are read from the Groups' members, for filters and sorting too.
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
    DATE_TIME,
    /** A complex value: only {@code pr} applies. */
    COMPLEX
  }

  /**
   * A SQL expression and its kind.
   *
   * @param sql over {@code identities i} and {@code scim_users s}; or, when {@code elements} is set
   *     or the column is a sub-attribute inside a value filter, over one element {@code e.v}
   * @param elements the jsonb array of a multi-valued attribute whose elements {@code sql} reads (a
   *     condition holds if it holds for some element), or null
   * @param equalityLookup for an indexed {@code eq}: a condition with two {@code ?} both bound to
   *     the value, or null
   */
  record Column(String sql, Kind kind, @Nullable String elements, @Nullable String equalityLookup) {

    Column(String sql, Kind kind) {
      this(sql, kind, null, null);
    }
  }

  private static String attribute(String name) {
    return "(i.attributes->>'" + name + "')";
  }

  private static final String EMAIL = attribute("email");
  private static final String FULL_NAME =
      "nullif(concat_ws(' ', " + attribute("givenName") + ", " + attribute("familyName") + "), '')";

  /**
   * The e-mail addresses: as last pushed for a SCIM User, else the identity's one (type work,
   * primary).
   */
  private static final String EMAILS =
      "(case when s.resource is null then (case when "
          + EMAIL
          + " is not null then jsonb_build_array(jsonb_build_object('value', "
          + EMAIL
          + ", 'type', 'work', 'primary', true)) else '[]'::jsonb end)"
          + " else coalesce(s.resource->'emails', '[]'::jsonb) end)";

  /** {@code emails.value eq}: through the indexes on the identity's and the pushed addresses. */
  private static final String EMAIL_LOOKUP =
      "(i.id in (select x.id from identities x where lower(x.attributes->>'email') = lower(?)"
          + " union select u.identity_id from scim_users u"
          + " where scim_lower_values(u.resource, 'emails') @> array[lower(?)]))";

  private static final String ENTERPRISE_KEY = ScimSchemas.ENTERPRISE.toLowerCase(Locale.ROOT);

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
    COLUMNS.put(
        "name",
        new Column(
            "coalesce(" + attribute("givenName") + ", " + attribute("familyName") + ")",
            Kind.COMPLEX));
    COLUMNS.put("name.givenname", new Column(attribute("givenName"), Kind.STRING));
    COLUMNS.put("name.familyname", new Column(attribute("familyName"), Kind.STRING));
    COLUMNS.put(
        "name.formatted",
        new Column("coalesce(s.resource->'name'->>'formatted', " + FULL_NAME + ")", Kind.STRING));
    COLUMNS.put(
        "displayname",
        new Column("coalesce(" + attribute("displayName") + ", " + FULL_NAME + ")", Kind.STRING));
    COLUMNS.put("title", new Column(attribute("title"), Kind.STRING));
    COLUMNS.put("usertype", new Column(attribute("employmentType"), Kind.STRING));
    COLUMNS.put("active", new Column("(i.state not in ('TERMINATED', 'PURGED'))", Kind.BOOLEAN));
    COLUMNS.put("meta.created", new Column("s.created_at", Kind.DATE_TIME));
    COLUMNS.put(
        "meta.lastmodified", new Column("greatest(i.updated_at, s.updated_at)", Kind.DATE_TIME));
    COLUMNS.put("meta.resourcetype", new Column("'User'", Kind.STRING));
    String enterprise = ENTERPRISE_KEY + ":";
    COLUMNS.put(enterprise + "employeenumber", new Column(attribute("employeeId"), Kind.STRING));
    COLUMNS.put(enterprise + "department", new Column(attribute("department"), Kind.STRING));
    COLUMNS.put(
        enterprise + "manager",
        new Column(
            "coalesce("
                + attribute("managerId")
                + ", s.resource->'"
                + ScimSchemas.ENTERPRISE
                + "'->'manager'->>'displayName')",
            Kind.COMPLEX));
    COLUMNS.put(
        enterprise + "manager.value", new Column(attribute("managerId"), Kind.EXACT_STRING));
  }

  private UserMapping() {}

  /**
   * The column of a filter or sort path: case-insensitive, with or without the core schema's URN,
   * enterprise attributes with theirs. Mapped attributes read the identity; the others read the
   * stored resource.
   *
   * @param prefix the enclosing complex attribute of a value filter ({@code emails}), or null; if
   *     it is multi-valued, the column reads one of its values, {@code e.v}
   */
  static Optional<Column> column(Path path, @Nullable String prefix) {
    String key = key(path, prefix);
    if (prefix != null
        && resolve(prefix.toLowerCase(Locale.ROOT))
            .filter(found -> found.attribute().multiValued())
            .isPresent()) {
      return element(key);
    }
    Column mapped = COLUMNS.get(key);
    if (mapped != null) {
      return Optional.of(mapped);
    }
    return stored(key);
  }

  /** The lower-case key of a path: {@code [urn:]attribute[.sub]}, core URN left out. */
  static String key(Path path, @Nullable String prefix) {
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
    return key.toString();
  }

  /** A schema attribute named by a key, with the SQL of its holder object and its sub. */
  private record Resolved(
      UserSchema.Attribute attribute, String holder, UserSchema.@Nullable Attribute sub) {}

  private static Optional<Resolved> resolve(String key) {
    List<UserSchema.Attribute> attributes = UserSchema.CORE;
    String holder = "s.resource";
    String rest = key;
    if (key.startsWith(ENTERPRISE_KEY + ":")) {
      attributes = UserSchema.ENTERPRISE;
      holder = "(s.resource->'" + ScimSchemas.ENTERPRISE + "')";
      rest = key.substring(ENTERPRISE_KEY.length() + 1);
    } else if (key.startsWith("urn:")) {
      return Optional.empty();
    }
    String[] parts = rest.split("\\.", -1);
    if (parts.length > 2) {
      return Optional.empty();
    }
    Optional<UserSchema.Attribute> attribute = UserSchema.find(attributes, parts[0]);
    if (attribute.isEmpty() || attribute.get().returned().equals("never")) {
      return Optional.empty();
    }
    UserSchema.Attribute sub = null;
    if (parts.length == 2) {
      Optional<UserSchema.Attribute> found = attribute.get().sub(parts[1]);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      sub = found.get();
    }
    return Optional.of(new Resolved(attribute.get(), holder, sub));
  }

  private static Optional<Column> stored(String key) {
    Optional<Resolved> found = resolve(key);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    UserSchema.Attribute attribute = found.get().attribute();
    UserSchema.Attribute sub = found.get().sub();
    String value = found.get().holder() + "->'" + attribute.name() + "'";
    if (attribute.multiValued()) {
      String elements =
          switch (attribute.name()) {
            case "emails" -> EMAILS;
            case "groups" -> ScimGroups.GROUPS_OF_USER_JSONB;
            default -> "coalesce(" + value + ", '[]'::jsonb)";
          };
      if (sub == null) {
        sub = attribute.sub("value").orElse(null);
      }
      if (sub == null) {
        return Optional.of(new Column("e.v", Kind.COMPLEX, elements, null));
      }
      boolean lookup = attribute.name().equals("emails") && sub.name().equals("value");
      return Optional.of(
          new Column(read("e.v", sub), kind(sub), elements, lookup ? EMAIL_LOOKUP : null));
    }
    if (sub != null) {
      return Optional.of(new Column(read("(" + value + ")", sub), kind(sub)));
    }
    if (attribute.type() == UserSchema.Type.COMPLEX) {
      return Optional.of(new Column("(" + value + ")", Kind.COMPLEX));
    }
    return Optional.of(new Column(read(found.get().holder(), attribute), kind(attribute)));
  }

  /** A sub-attribute of one element {@code e.v} of a multi-valued attribute. */
  private static Optional<Column> element(String key) {
    Optional<Resolved> found = resolve(key);
    if (found.isEmpty() || !found.get().attribute().multiValued() || found.get().sub() == null) {
      return Optional.empty();
    }
    UserSchema.Attribute sub = found.get().sub();
    return Optional.of(new Column(read("e.v", sub), kind(sub)));
  }

  private static String read(String object, UserSchema.Attribute attribute) {
    return attribute.type() == UserSchema.Type.BOOLEAN
        ? "((" + object + "->'" + attribute.name() + "')::boolean)"
        : "(" + object + "->>'" + attribute.name() + "')";
  }

  private static Kind kind(UserSchema.Attribute attribute) {
    return switch (attribute.type()) {
      case BOOLEAN -> Kind.BOOLEAN;
      case DATE_TIME -> Kind.DATE_TIME;
      case COMPLEX -> Kind.COMPLEX;
      default -> attribute.caseExact() ? Kind.EXACT_STRING : Kind.STRING;
    };
  }

  /**
   * The identity as a SCIM User (without meta): the stored resource, if the User was pushed, with
   * the mapped attributes taken from the identity.
   */
  static ObjectNode toResource(
      String id,
      LifecycleState state,
      Map<String, String> attributes,
      @Nullable ObjectNode stored) {
    ObjectNode derived = derived(id, state, attributes);
    if (stored == null) {
      return derived;
    }
    ObjectNode rest = stored.deepCopy();
    Map<String, String> pushed = attributesOf(stored);
    for (String name : List.of("externalId", "userName", "displayName", "title", "userType")) {
      replace(rest, name, derived.get(name));
    }
    ObjectNode derivedName = (ObjectNode) derived.get("name");
    if (derivedName != null || rest.has("name")) {
      ObjectNode name = rest.has("name") ? (ObjectNode) rest.get("name") : rest.putObject("name");
      replace(name, "givenName", derivedName == null ? null : derivedName.get("givenName"));
      replace(name, "familyName", derivedName == null ? null : derivedName.get("familyName"));
      if (!name.has("formatted") && derivedName != null && derivedName.has("formatted")) {
        name.set("formatted", derivedName.get("formatted"));
      }
      if (name.isEmpty()) {
        rest.remove("name");
      }
    }
    overlayEmail(rest, pushed.get("email"), attributes.get("email"));
    ObjectNode derivedEnterprise = (ObjectNode) derived.get(ScimSchemas.ENTERPRISE);
    ObjectNode enterprise =
        rest.has(ScimSchemas.ENTERPRISE)
            ? (ObjectNode) rest.get(ScimSchemas.ENTERPRISE)
            : JsonNodeFactory.instance.objectNode();
    for (String name : List.of("employeeNumber", "department")) {
      replace(enterprise, name, derivedEnterprise == null ? null : derivedEnterprise.get(name));
    }
    String manager = attributes.get("managerId");
    if (manager != null) {
      if (!enterprise.has("manager")) {
        enterprise.putObject("manager");
      }
      ((ObjectNode) enterprise.get("manager")).put("value", manager);
    } else if (enterprise.has("manager")) {
      ((ObjectNode) enterprise.get("manager")).remove("value");
      if (enterprise.get("manager").isEmpty()) {
        enterprise.remove("manager");
      }
    }
    rest.remove(ScimSchemas.ENTERPRISE);
    ObjectNode user = JsonNodeFactory.instance.objectNode();
    ArrayNode schemas = user.putArray("schemas").add(ScimSchemas.USER);
    user.put("id", id);
    // in the schema's order (the store keeps jsonb, which orders keys its own way)
    for (UserSchema.Attribute attribute : UserSchema.CORE) {
      if (attribute.name().equals("active")) {
        user.put("active", state != LifecycleState.TERMINATED && state != LifecycleState.PURGED);
      } else if (rest.has(attribute.name())) {
        user.set(attribute.name(), rest.get(attribute.name()));
      }
    }
    if (!enterprise.isEmpty()) {
      schemas.add(ScimSchemas.ENTERPRISE);
      user.set(ScimSchemas.ENTERPRISE, enterprise);
    }
    return user;
  }

  private static void replace(ObjectNode holder, String name, @Nullable JsonNode value) {
    if (value == null || value.isNull()) {
      holder.remove(name);
    } else {
      holder.set(name, value);
    }
  }

  /** The pushed e-mail addresses, with the chosen one as the identity now has it. */
  private static void overlayEmail(
      ObjectNode resource, @Nullable String pushed, @Nullable String current) {
    if (Objects.equals(pushed, current)) {
      return;
    }
    ArrayNode emails =
        resource.has("emails") ? (ArrayNode) resource.get("emails") : resource.putArray("emails");
    ObjectNode chosen = null;
    for (int index = 0; index < emails.size(); index++) {
      JsonNode email = emails.get(index);
      if (pushed != null && pushed.equals(email.path("value").asText(null))) {
        if (current == null) {
          emails.remove(index);
        } else {
          chosen = (ObjectNode) email;
        }
        break;
      }
    }
    if (current != null) {
      if (chosen != null) {
        chosen.put("value", current);
      } else {
        emails.addObject().put("value", current).put("type", "work").put("primary", true);
      }
    }
    if (emails.isEmpty()) {
      resource.remove("emails");
    }
  }

  /** The identity as a SCIM User from its attributes alone. */
  private static ObjectNode derived(
      String id, LifecycleState state, Map<String, String> attributes) {
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

  /**
   * What a pushed User says: identity attributes (the owned ones), {@code active} if given, and the
   * resource to store (normalised by {@link UserSchema#normalise}), or null to keep the stored one.
   */
  record Pushed(
      Map<String, String> attributes, Optional<Boolean> active, @Nullable ObjectNode resource) {}

  /**
   * Reads a pushed User. Attribute names are matched case-insensitively; {@code active} may be a
   * boolean or the strings "true"/"false" in any case.
   *
   * @param mapped identity attributes read from SCIM paths beyond the fixed mapping ({@code
   *     scim.mapping})
   * @throws BadRequestException invalidValue for a missing userName or a value of the wrong type,
   *     invalidSyntax for an attribute that is in no schema the server knows
   */
  static Pushed fromResource(ObjectNode user, Map<String, Path> mapped) throws BadRequestException {
    ObjectNode resource = UserSchema.normalise(user);
    Boolean active = bool(field(user, "active"));
    Map<String, String> attributes = attributesOf(resource);
    mapped.forEach(
        (name, path) -> {
          String value = ScimUserPaths.read(resource, path);
          if (value != null) {
            attributes.put(name, value);
          }
        });
    String userName = attributes.get("userName");
    if (userName == null || userName.isBlank()) {
      throw BadRequestException.invalidValue("userName is required");
    }
    return new Pushed(attributes, Optional.ofNullable(active), resource);
  }

  /** The identity attributes of a normalised resource. */
  private static Map<String, String> attributesOf(ObjectNode resource) {
    Map<String, String> attributes = new TreeMap<>();
    text(attributes, "userName", resource.get("userName"));
    text(attributes, "externalId", resource.get("externalId"));
    text(attributes, "displayName", resource.get("displayName"));
    text(attributes, "title", resource.get("title"));
    text(attributes, "employmentType", resource.get("userType"));
    JsonNode name = resource.path("name");
    text(attributes, "givenName", name.get("givenName"));
    text(attributes, "familyName", name.get("familyName"));
    text(attributes, "email", chosenEmail(resource.get("emails")));
    JsonNode enterprise = resource.path(ScimSchemas.ENTERPRISE);
    text(attributes, "employeeId", enterprise.get("employeeNumber"));
    text(attributes, "department", enterprise.get("department"));
    text(attributes, "managerId", enterprise.path("manager").get("value"));
    return attributes;
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

  /** The value of the primary e-mail address, else the first work one, else the first one. */
  private static @Nullable JsonNode chosenEmail(@Nullable JsonNode emails) {
    if (emails == null || !emails.isArray()) {
      return null;
    }
    JsonNode chosen = null;
    for (JsonNode email : emails) {
      boolean primary = email.path("primary").asBoolean(false);
      boolean work = email.path("type").asText("").equalsIgnoreCase("work");
      if (chosen == null
          || primary
          || (work
              && !chosen.path("primary").asBoolean(false)
              && !chosen.path("type").asText("").equalsIgnoreCase("work"))) {
        chosen = email;
      }
      if (primary) {
        break;
      }
    }
    return chosen == null ? null : chosen.get("value");
  }

  private static void text(
      Map<String, String> attributes, String attribute, @Nullable JsonNode value) {
    if (value != null && value.isTextual() && !value.textValue().isBlank()) {
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
  static ObjectNode meta(
      String location, @Nullable Instant created, Instant lastModified, String version) {
    ObjectNode meta = JsonNodeFactory.instance.objectNode();
    meta.put("resourceType", "User");
    if (created != null) {
      meta.put("created", created.toString());
    }
    meta.put("lastModified", lastModified.toString());
    meta.put("location", location);
    meta.put("version", version);
    return meta;
  }
}
