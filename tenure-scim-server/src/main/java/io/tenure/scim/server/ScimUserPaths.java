package io.tenure.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.tenure.scim.server.schema.NamedAttribute;
import io.tenure.scim.server.schema.ScimSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The SCIM attribute paths that {@code scim.mapping} in {@code tenure.yaml} may read identity
 * attributes from: any attribute or sub-attribute of the core User schema or the enterprise
 * extension that holds a value (not a complex one, not {@code id}, {@code meta}, {@code active} or
 * {@code password}), with an optional value filter on a multi-valued one ({@code phoneNumbers[type
 * eq "work"].value}). The identity attributes of the fixed mapping keep their paths.
 */
public final class ScimUserPaths {

  /** The fixed mapping: identity attribute to the SCIM path it is read from. */
  static final Map<String, String> FIXED =
      Map.ofEntries(
          Map.entry("userName", "userName"),
          Map.entry("externalId", "externalId"),
          Map.entry("givenName", "name.givenName"),
          Map.entry("familyName", "name.familyName"),
          Map.entry("displayName", "displayName"),
          Map.entry("title", "title"),
          Map.entry("employmentType", "userType"),
          Map.entry("email", "emails"),
          Map.entry("employeeId", ScimSchemas.ENTERPRISE + ":employeeNumber"),
          Map.entry("department", ScimSchemas.ENTERPRISE + ":department"),
          Map.entry("managerId", ScimSchemas.ENTERPRISE + ":manager.value"));

  private ScimUserPaths() {}

  /**
   * What is wrong with reading the identity attribute from the path, if anything.
   *
   * @return a message for the configuration's reader, or empty if the mapping is fine
   */
  public static Optional<String> problem(String identityAttribute, String path) {
    Path parsed;
    try {
      parsed = Path.fromString(path);
    } catch (BadRequestException | RuntimeException e) {
      return Optional.of("\"" + path + "\" is not a SCIM attribute path: " + e.getMessage());
    }
    String fixed = FIXED.get(identityAttribute);
    if (fixed != null) {
      return NamedAttribute.key(parsed, null).equals(NamedAttribute.key(path(fixed), null))
              && parsed.equals(parsed.withoutFilters())
          ? Optional.empty()
          : Optional.of(
              identityAttribute
                  + " is read from "
                  + fixed
                  + " by the fixed mapping, which cannot be changed");
    }
    if (parsed.isRoot()) {
      return Optional.of("\"" + path + "\" names no attribute");
    }
    String key = NamedAttribute.key(parsed, null);
    Optional<NamedAttribute> named =
        NamedAttribute.resolve(NamedAttribute.key(parsed.withoutFilters(), null));
    if (key.equals("id")
        || key.equals("active")
        || key.startsWith("meta")
        || named.isEmpty()
        || !named.get().holdsValue()) {
      return Optional.of(
          "\""
              + path
              + "\" is not an attribute of the User schemas that holds a value (for example"
              + " nickName, phoneNumbers[type eq \"work\"].value or"
              + " urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter)");
    }
    for (int index = 0; index < parsed.size(); index++) {
      if (parsed.getElement(index).getValueFilter() != null
          && (index != 0 || !named.get().attribute().multiValued())) {
        return Optional.of(
            "\"" + path + "\": a value filter goes on a multi-valued attribute, such as emails");
      }
    }
    return Optional.empty();
  }

  /** A path that has been checked by {@link #problem}. */
  static Path path(String checked) {
    try {
      return Path.fromString(checked);
    } catch (BadRequestException e) {
      throw new IllegalArgumentException("not a SCIM path: " + checked, e);
    }
  }

  /** The text at a path of a pushed User: the first value found, or null. */
  static @Nullable String read(ObjectNode resource, Path path) {
    List<JsonNode> found;
    try {
      found = JsonUtils.findMatchingPaths(path, resource);
    } catch (ScimException | RuntimeException e) {
      return null;
    }
    List<JsonNode> values = new ArrayList<>();
    for (JsonNode node : found) {
      if (node.isArray()) {
        node.forEach(values::add);
      } else {
        values.add(node);
      }
    }
    for (JsonNode value : values) {
      if (value.isValueNode() && !value.isNull() && !value.asText().isBlank()) {
        return value.asText();
      }
    }
    return null;
  }
}
