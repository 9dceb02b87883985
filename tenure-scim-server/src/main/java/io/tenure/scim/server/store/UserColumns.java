package io.tenure.scim.server.store;

import com.unboundid.scim2.common.Path;
import io.tenure.scim.server.schema.Attribute;
import io.tenure.scim.server.schema.NamedAttribute;
import io.tenure.scim.server.schema.ScimSchemas;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The SQL of each User attribute that filters and sortBy may name, over the {@code identities}
 * table (alias {@code i}) joined with the stored SCIM resources ({@code scim_users}, alias {@code
 * s}): the attributes of the fixed mapping read the identity ({@code userName} as Users show it:
 * the identity's, else its e-mail, employeeId or id), every other attribute of the User schemas
 * ({@link io.tenure.scim.server.schema.UserSchema}) reads the stored resource, and the read-only
 * {@code groups} read the Groups' members.
 */
final class UserColumns {

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
    COLUMNS.put("id", new Column("i.id", Column.Kind.EXACT_STRING));
    COLUMNS.put("externalid", new Column(attribute("externalId"), Column.Kind.EXACT_STRING));
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
            Column.Kind.STRING));
    COLUMNS.put(
        "name",
        new Column(
            "coalesce(" + attribute("givenName") + ", " + attribute("familyName") + ")",
            Column.Kind.COMPLEX));
    COLUMNS.put("name.givenname", new Column(attribute("givenName"), Column.Kind.STRING));
    COLUMNS.put("name.familyname", new Column(attribute("familyName"), Column.Kind.STRING));
    COLUMNS.put(
        "name.formatted",
        new Column(
            "coalesce(s.resource->'name'->>'formatted', " + FULL_NAME + ")", Column.Kind.STRING));
    COLUMNS.put(
        "displayname",
        new Column(
            "coalesce(" + attribute("displayName") + ", " + FULL_NAME + ")", Column.Kind.STRING));
    COLUMNS.put("title", new Column(attribute("title"), Column.Kind.STRING));
    COLUMNS.put("usertype", new Column(attribute("employmentType"), Column.Kind.STRING));
    COLUMNS.put(
        "active", new Column("(i.state not in ('TERMINATED', 'PURGED'))", Column.Kind.BOOLEAN));
    COLUMNS.put("meta.created", new Column("s.created_at", Column.Kind.DATE_TIME));
    COLUMNS.put(
        "meta.lastmodified",
        new Column("greatest(i.updated_at, s.updated_at)", Column.Kind.DATE_TIME));
    COLUMNS.put("meta.resourcetype", new Column("'User'", Column.Kind.STRING));
    String enterprise = ENTERPRISE_KEY + ":";
    COLUMNS.put(
        enterprise + "employeenumber", new Column(attribute("employeeId"), Column.Kind.STRING));
    COLUMNS.put(enterprise + "department", new Column(attribute("department"), Column.Kind.STRING));
    COLUMNS.put(
        enterprise + "manager",
        new Column(
            "coalesce("
                + attribute("managerId")
                + ", s.resource->'"
                + ScimSchemas.ENTERPRISE
                + "'->'manager'->>'displayName')",
            Column.Kind.COMPLEX));
    COLUMNS.put(
        enterprise + "manager.value", new Column(attribute("managerId"), Column.Kind.EXACT_STRING));
  }

  private UserColumns() {}

  /**
   * The column of a filter or sort path: case-insensitive, with or without the core schema's URN,
   * enterprise attributes with theirs. Mapped attributes read the identity; the others read the
   * stored resource.
   *
   * @param prefix the enclosing complex attribute of a value filter ({@code emails}), or null; if
   *     it is multi-valued, the column reads one of its values, {@code e.v}
   */
  static Optional<Column> column(Path path, @Nullable String prefix) {
    String key = NamedAttribute.key(path, prefix);
    if (prefix != null
        && NamedAttribute.resolve(prefix.toLowerCase(Locale.ROOT))
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

  private static Optional<Column> stored(String key) {
    Optional<NamedAttribute> found = NamedAttribute.resolve(key);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Attribute attribute = found.get().attribute();
    Attribute sub = found.get().sub();
    String value = holder(found.get()) + "->'" + attribute.name() + "'";
    if (attribute.multiValued()) {
      String elements =
          switch (attribute.name()) {
            case "emails" -> EMAILS;
            case "groups" -> GroupColumns.GROUPS_OF_USER_JSONB;
            default -> "coalesce(" + value + ", '[]'::jsonb)";
          };
      if (sub == null) {
        sub = attribute.sub("value").orElse(null);
      }
      if (sub == null) {
        return Optional.of(new Column("e.v", Column.Kind.COMPLEX, elements, null));
      }
      boolean lookup = attribute.name().equals("emails") && sub.name().equals("value");
      return Optional.of(
          new Column(read("e.v", sub), kind(sub), elements, lookup ? EMAIL_LOOKUP : null));
    }
    if (sub != null) {
      return Optional.of(new Column(read("(" + value + ")", sub), kind(sub)));
    }
    if (attribute.type() == Attribute.Type.COMPLEX) {
      return Optional.of(new Column("(" + value + ")", Column.Kind.COMPLEX));
    }
    return Optional.of(new Column(read(holder(found.get()), attribute), kind(attribute)));
  }

  /** A sub-attribute of one element {@code e.v} of a multi-valued attribute. */
  private static Optional<Column> element(String key) {
    Optional<NamedAttribute> found = NamedAttribute.resolve(key);
    if (found.isEmpty() || !found.get().attribute().multiValued() || found.get().sub() == null) {
      return Optional.empty();
    }
    Attribute sub = found.get().sub();
    return Optional.of(new Column(read("e.v", sub), kind(sub)));
  }

  private static String read(String object, Attribute attribute) {
    return attribute.type() == Attribute.Type.BOOLEAN
        ? "((" + object + "->'" + attribute.name() + "')::boolean)"
        : "(" + object + "->>'" + attribute.name() + "')";
  }

  private static Column.Kind kind(Attribute attribute) {
    return switch (attribute.type()) {
      case BOOLEAN -> Column.Kind.BOOLEAN;
      case DATE_TIME -> Column.Kind.DATE_TIME;
      case COMPLEX -> Column.Kind.COMPLEX;
      default -> attribute.caseExact() ? Column.Kind.EXACT_STRING : Column.Kind.STRING;
    };
  }

  /** The stored object that holds an attribute: the resource, or its enterprise extension. */
  private static String holder(NamedAttribute named) {
    return named.enterprise() ? "(s.resource->'" + ScimSchemas.ENTERPRISE + "')" : "s.resource";
  }

  /** The User's userName as Users show it (the identity's, else e-mail, employeeId or id). */
  static String userName() {
    return COLUMNS.get("username").sql();
  }
}
