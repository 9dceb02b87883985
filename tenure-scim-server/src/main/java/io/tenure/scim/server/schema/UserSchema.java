package io.tenure.scim.server.schema;

import static io.tenure.scim.server.schema.Attribute.complex;
import static io.tenure.scim.server.schema.Attribute.plural;
import static io.tenure.scim.server.schema.Attribute.simple;
import static io.tenure.scim.server.schema.Attribute.single;
import static io.tenure.scim.server.schema.Attribute.string;
import static io.tenure.scim.server.schema.Attribute.typed;

import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import java.util.List;
import java.util.Optional;

/**
 * The core User schema and the enterprise extension (RFC 7643 sections 4.1, 4.3), as the server
 * supports them: every attribute the Schemas endpoint lists, which a pushed User is checked against
 * and which filters and sorting can reach, and the spelling of attribute names.
 *
 * <p>{@code password} is accepted and discarded: Tenure keeps no passwords. {@code groups} (a
 * User's Groups, shown from their members) is read-only and ignored on input, like {@code id} and
 * {@code meta}.
 */
public final class UserSchema {

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
                  Attribute.Type.STRING,
                  false,
                  true,
                  "readOnly",
                  "default",
                  "none",
                  "The Group's id"),
              new Attribute(
                  "$ref",
                  Attribute.Type.REFERENCE,
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
  public static final List<Attribute> CORE =
      List.of(
          single(
              "externalId",
              Attribute.Type.STRING,
              false,
              true,
              "readWrite",
              "default",
              "none",
              "The client's identifier; correlates first"),
          single(
              "userName",
              Attribute.Type.STRING,
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
          simple("profileUrl", Attribute.Type.REFERENCE, "The online profile"),
          string("title", "The job title"),
          string("userType", "The relationship to the organisation (identity: employmentType)"),
          string("preferredLanguage", "For example en-US"),
          string("locale", "For example en-US"),
          string("timezone", "For example Europe/Berlin"),
          single(
              "active",
              Attribute.Type.BOOLEAN,
              false,
              false,
              "readWrite",
              "default",
              "none",
              "false (or a DELETE) is a leaver event: accounts are disabled at once"),
          single(
              "password",
              Attribute.Type.STRING,
              false,
              false,
              "writeOnly",
              "never",
              "none",
              "Accepted and discarded: Tenure keeps no passwords"),
          plural("emails", Attribute.Type.STRING, "E-mail addresses", "work", "home", "other"),
          plural(
              "phoneNumbers",
              Attribute.Type.STRING,
              "Phone numbers",
              "work",
              "home",
              "mobile",
              "fax",
              "pager",
              "other"),
          plural(
              "ims",
              Attribute.Type.STRING,
              "Instant messaging addresses",
              "aim",
              "gtalk",
              "icq",
              "xmpp",
              "msn",
              "skype",
              "qq",
              "yahoo"),
          plural("photos", Attribute.Type.REFERENCE, "Photo URLs", "photo", "thumbnail"),
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
              simple("primary", Attribute.Type.BOOLEAN, "The preferred address (at most one)")),
          GROUPS,
          plural("entitlements", Attribute.Type.STRING, "Entitlements"),
          plural("roles", Attribute.Type.STRING, "Roles"),
          plural("x509Certificates", Attribute.Type.BINARY, "DER certificates, base64"));

  /** The enterprise extension's attributes. */
  public static final List<Attribute> ENTERPRISE =
      List.of(
          single(
              "employeeNumber",
              Attribute.Type.STRING,
              false,
              false,
              "readWrite",
              "default",
              "server",
              "The employee number (identity: employeeId): one person's, also after a DELETE"
                  + " (a POST with a deleted User's number brings that person back)"),
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
                  Attribute.Type.STRING,
                  false,
                  true,
                  "readWrite",
                  "default",
                  "none",
                  "The manager's id"),
              single(
                  "$ref",
                  Attribute.Type.REFERENCE,
                  false,
                  true,
                  "readWrite",
                  "default",
                  "none",
                  "The manager's URI"),
              single(
                  "displayName",
                  Attribute.Type.STRING,
                  false,
                  false,
                  "readOnly",
                  "default",
                  "none",
                  "The manager's name")));

  private UserSchema() {}

  /** The attribute whose name matches case-insensitively. */
  public static Optional<Attribute> find(List<Attribute> attributes, String name) {
    return attributes.stream()
        .filter(attribute -> attribute.name().equalsIgnoreCase(name))
        .findFirst();
  }

  /**
   * A PATCH path with the attribute names as the schemas spell them ({@code phonenumbers[type eq
   * "work"].VALUE} becomes {@code phoneNumbers[type eq "work"].value}), so that the SDK, which
   * matches names exactly, finds them; names in no schema are left as they are.
   */
  public static String canonicalPath(String text) {
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
}
