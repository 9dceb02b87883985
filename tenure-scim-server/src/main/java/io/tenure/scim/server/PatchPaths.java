package io.tenure.scim.server;

import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import io.tenure.scim.server.schema.Attribute;
import io.tenure.scim.server.schema.ScimSchemas;
import io.tenure.scim.server.schema.UserSchema;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The attribute paths a PATCH operation may name (RFC 7644 section 3.5.2): an attribute of the
 * resource's schemas, optionally with a value filter and one of its sub-attributes, or the
 * enterprise extension as a whole; {@code id}, {@code meta} and {@code schemas} are known too (the
 * write then decides whether they may change). A path in no schema is refused with 400 {@code
 * invalidPath} for {@code add}, {@code replace} and {@code remove} alike, before anything is
 * applied. Names are matched ignoring case.
 */
final class PatchPaths {

  /** The sub-attributes of {@code meta} (RFC 7643 section 3.1). */
  private static final Set<String> META =
      Set.of("resourcetype", "created", "lastmodified", "location", "version");

  /** The attributes of a Group and their sub-attributes (lower case). */
  private static final Map<String, Set<String>> GROUP =
      Map.of(
          "displayname",
          Set.of(),
          "externalid",
          Set.of(),
          GroupResources.MEMBERS,
          Set.of("value", "display", "type", "$ref"));

  private PatchPaths() {}

  /**
   * Refuses a User path that is in no schema.
   *
   * @throws BadRequestException invalidPath naming the path
   */
  static void checkUser(Path path) throws BadRequestException {
    String urn = path.getSchemaUrn();
    List<Attribute> attributes = UserSchema.CORE;
    if (urn != null && urn.equalsIgnoreCase(ScimSchemas.ENTERPRISE)) {
      attributes = UserSchema.ENTERPRISE;
    } else if (urn != null && !urn.equalsIgnoreCase(ScimSchemas.USER)) {
      throw unknown(path, "User");
    }
    if (path.size() == 0) {
      return;
    }
    if (path.size() > 2) {
      throw unknown(path, "User");
    }
    String name = path.getElement(0).getAttribute();
    Optional<Attribute> attribute = UserSchema.find(attributes, name);
    if (attribute.isEmpty()) {
      if (attributes == UserSchema.CORE && common(path)) {
        return;
      }
      throw unknown(path, "User");
    }
    if (path.size() == 2 && attribute.get().sub(path.getElement(1).getAttribute()).isEmpty()) {
      throw unknown(path, "User");
    }
  }

  /**
   * Refuses a Group path that is in no schema.
   *
   * @throws BadRequestException invalidPath naming the path
   */
  static void checkGroup(Path path) throws BadRequestException {
    String urn = path.getSchemaUrn();
    if ((urn != null && !urn.equalsIgnoreCase(ScimSchemas.GROUP)) || path.size() > 2) {
      throw unknown(path, "Group");
    }
    if (path.size() == 0 || common(path)) {
      return;
    }
    Set<String> subs = GROUP.get(lower(path.getElement(0).getAttribute()));
    if (subs == null
        || (path.size() == 2 && !subs.contains(lower(path.getElement(1).getAttribute())))) {
      throw unknown(path, "Group");
    }
  }

  /** Whether the path names {@code id}, {@code schemas} or {@code meta} (or a part of meta). */
  private static boolean common(Path path) {
    String name = lower(path.getElement(0).getAttribute());
    if (path.size() == 1) {
      return name.equals("id") || name.equals("schemas") || name.equals("meta");
    }
    return name.equals("meta") && META.contains(lower(path.getElement(1).getAttribute()));
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static BadRequestException unknown(Path path, String resourceType) {
    return BadRequestException.invalidPath(
        "path '" + path + "' names no attribute of the " + resourceType + " schemas");
  }
}
