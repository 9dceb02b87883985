package io.tenure.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import io.tenure.scim.server.schema.ScimSchemas;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The fixed mapping from a pushed SCIM User to identity attributes ({@link UserResources} shows an
 * identity as a User the other way round):
 *
 * <pre>
 * SCIM (core / enterprise)           identity attribute
 * userName                           userName
 * externalId                         externalId
 * name.givenName / name.familyName   givenName / familyName
 * displayName                        displayName
 * title                              title
 * userType                           employmentType
 * emails (the primary, else work)    email
 * active                             the employment (false: a leaver)
 * enterprise employeeNumber          employeeId
 * enterprise department              department
 * enterprise manager.value           managerId
 * </pre>
 *
 * plus the identity attributes that {@code scim.mapping} reads from other paths ({@link
 * ScimUserPaths}). Every other attribute of the User schemas is kept as pushed, in the stored
 * resource.
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

  private UserMapping() {}

  /**
   * What a pushed User says: identity attributes (the owned ones), {@code active} if given, and the
   * resource to store (normalised by {@link UserInput#normalise}), or null to keep the stored one.
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
    ObjectNode resource = UserInput.normalise(user);
    Boolean active = bool(JsonFields.field(user, "active"));
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
  static Map<String, String> attributesOf(ObjectNode resource) {
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
}
