package io.tenure.connector.scim;

import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A target attribute name of the account mapping, parsed by the convention of {@code
 * docs/connectors/scim.md}:
 *
 * <ul>
 *   <li>{@code title}: a simple attribute ({@link Kind#SIMPLE});
 *   <li>{@code name.givenName}: a sub-attribute of a single-valued complex attribute ({@link
 *       Kind#SUB_ATTRIBUTE});
 *   <li>{@code emails.work}: the {@code value}s of the entries of a multi-valued complex attribute
 *       whose {@code type} is {@code work}; {@code emails} alone: those without a type ({@link
 *       Kind#TYPED_VALUES});
 *   <li>any of these prefixed by a schema URN and a colon, for an extension attribute: {@code
 *       urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber}.
 * </ul>
 *
 * @param text the name as configured
 * @param schemaUrn the extension schema URN, or null for the core schema
 * @param attribute the top-level attribute name within its schema
 * @param qualifier the sub-attribute name or the type, per {@code kind}; null for {@link
 *     Kind#SIMPLE} and untyped {@link Kind#TYPED_VALUES}
 * @param kind how the name addresses the resource
 */
record AttributePath(
    String text,
    @Nullable String schemaUrn,
    String attribute,
    @Nullable String qualifier,
    Kind kind) {

  /** Attributes the connector manages itself or that are never written. */
  private static final Set<String> RESERVED =
      Set.of("id", "meta", "schemas", "username", "active", "groups");

  enum Kind {
    SIMPLE,
    SUB_ATTRIBUTE,
    TYPED_VALUES
  }

  /**
   * Parses a mapped attribute name.
   *
   * @throws ConnectorException of kind {@link ErrorKind#INVALID_INPUT} if the name does not follow
   *     the convention or names an attribute the connector manages itself
   */
  static AttributePath parse(String text, ScimSettings settings) {
    String rest = text.strip();
    String urn = null;
    if (rest.regionMatches(true, 0, "urn:", 0, 4)) {
      int colon = rest.lastIndexOf(':');
      urn = rest.substring(0, colon);
      rest = rest.substring(colon + 1);
    }
    String[] parts = rest.split("\\.", -1);
    for (String part : parts) {
      if (part.isEmpty() || !part.matches("[A-Za-z$][A-Za-z0-9_$-]*")) {
        throw invalid(text, "is not a SCIM attribute path");
      }
    }
    if (parts.length > 2) {
      throw invalid(text, "has more than two levels");
    }
    if (urn == null && RESERVED.contains(parts[0].toLowerCase(Locale.ROOT))) {
      throw invalid(text, "is managed by the connector and cannot be mapped");
    }
    if (settings.isMultiValued(parts[0])) {
      return new AttributePath(
          text, urn, parts[0], parts.length == 2 ? parts[1] : null, Kind.TYPED_VALUES);
    }
    if (parts.length == 2) {
      return new AttributePath(text, urn, parts[0], parts[1], Kind.SUB_ATTRIBUTE);
    }
    return new AttributePath(text, urn, parts[0], null, Kind.SIMPLE);
  }

  /** The SCIM path of the attribute (or complex attribute) without any value filter. */
  String scimPath() {
    String local = kind == Kind.SUB_ATTRIBUTE ? attribute + "." + qualifier : attribute;
    return schemaUrn == null ? local : schemaUrn + ":" + local;
  }

  private static ConnectorException invalid(String text, String problem) {
    return new ConnectorException(
        ErrorKind.INVALID_INPUT, "attribute name '" + text + "' " + problem);
  }
}
