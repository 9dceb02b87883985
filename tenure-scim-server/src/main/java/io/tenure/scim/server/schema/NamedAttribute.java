package io.tenure.scim.server.schema;

import com.unboundid.scim2.common.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The attribute of the User schemas (and its sub-attribute, if any) that a filter, sort or mapping
 * path names, found by the path's lower-case key.
 *
 * @param attribute the attribute of the core User schema or the enterprise extension
 * @param sub its sub-attribute named by the path, or null
 * @param enterprise whether the attribute is the enterprise extension's
 */
public record NamedAttribute(Attribute attribute, @Nullable Attribute sub, boolean enterprise) {

  private static final String ENTERPRISE_KEY = ScimSchemas.ENTERPRISE.toLowerCase(Locale.ROOT);

  /**
   * The lower-case key of a path: {@code [urn:]attribute[.sub]}, the core URN left out.
   *
   * @param prefix the enclosing complex attribute of a value filter ({@code emails}), or null
   */
  public static String key(Path path, @Nullable String prefix) {
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

  /**
   * The attribute a key ({@link #key}) names: empty for an attribute in no schema, one never
   * returned ({@code password}), a sub-attribute its attribute does not have, or a deeper path.
   */
  public static Optional<NamedAttribute> resolve(String key) {
    List<Attribute> attributes = UserSchema.CORE;
    boolean enterprise = false;
    String rest = key;
    if (key.startsWith(ENTERPRISE_KEY + ":")) {
      attributes = UserSchema.ENTERPRISE;
      enterprise = true;
      rest = key.substring(ENTERPRISE_KEY.length() + 1);
    } else if (key.startsWith("urn:")) {
      return Optional.empty();
    }
    String[] parts = rest.split("\\.", -1);
    if (parts.length > 2) {
      return Optional.empty();
    }
    Optional<Attribute> attribute = UserSchema.find(attributes, parts[0]);
    if (attribute.isEmpty() || attribute.get().returned().equals("never")) {
      return Optional.empty();
    }
    Attribute sub = null;
    if (parts.length == 2) {
      Optional<Attribute> found = attribute.get().sub(parts[1]);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      sub = found.get();
    }
    return Optional.of(new NamedAttribute(attribute.get(), sub, enterprise));
  }

  /**
   * The attribute that holds the value the path reads: the sub-attribute if named; of a
   * multi-valued attribute without one, its {@code value} sub-attribute (null if it has none, as
   * {@code addresses}); else the attribute itself.
   */
  public @Nullable Attribute valueAttribute() {
    if (sub != null) {
      return sub;
    }
    return attribute.multiValued() ? attribute.sub("value").orElse(null) : attribute;
  }

  /** Whether the path reads a value (a string, boolean, ...), not a complex attribute. */
  public boolean holdsValue() {
    Attribute value = valueAttribute();
    return value != null && value.type() != Attribute.Type.COMPLEX;
  }
}
