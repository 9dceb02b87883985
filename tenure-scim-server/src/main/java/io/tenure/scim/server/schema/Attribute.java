package io.tenure.scim.server.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One attribute of a SCIM schema (RFC 7643 section 7), as the Schemas endpoint describes it.
 *
 * @param mutability readOnly, readWrite, immutable or writeOnly
 * @param returned always, never, default or request
 * @param uniqueness none, server or global
 * @param referenceTypes of a reference: the resource types (or external) it points to
 */
public record Attribute(
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

  public Attribute {
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
  public Optional<Attribute> sub(String name) {
    return UserSchema.find(subAttributes, name);
  }

  /** Whether clients cannot write it (it is ignored on input). */
  public boolean readOnly() {
    return mutability.equals("readOnly");
  }

  /** As the Schemas endpoint shows it. */
  public ObjectNode describe() {
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

  /** The data type of an attribute. */
  public enum Type {
    STRING,
    BOOLEAN,
    DATE_TIME,
    REFERENCE,
    BINARY,
    COMPLEX;

    public String scimName() {
      return switch (this) {
        case DATE_TIME -> "dateTime";
        default -> name().toLowerCase(Locale.ROOT);
      };
    }
  }

  /** A single-valued simple attribute. */
  static Attribute single(
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

  /** A simple attribute, optional and writable; references and binaries are case-exact. */
  static Attribute simple(String name, Type type, String description) {
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

  /** A simple string attribute, optional, writable and not case-exact. */
  static Attribute string(String name, String description) {
    return simple(name, Type.STRING, description);
  }

  /** A complex attribute with these sub-attributes, optional and writable. */
  static Attribute complex(
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

  /** The {@code type} sub-attribute of a multi-valued attribute, with its canonical values. */
  static Attribute typed(String... canonicalValues) {
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
  static Attribute plural(String name, Type valueType, String description, String... types) {
    return complex(
        name,
        true,
        description,
        simple("value", valueType, "The value"),
        string("display", "A human-readable name"),
        typed(types),
        simple("primary", Type.BOOLEAN, "The preferred value (at most one)"));
  }
}
