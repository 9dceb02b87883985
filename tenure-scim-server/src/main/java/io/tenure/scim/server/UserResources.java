package io.tenure.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenure.core.identity.LifecycleState;
import io.tenure.scim.server.schema.Attribute;
import io.tenure.scim.server.schema.ScimSchemas;
import io.tenure.scim.server.schema.UserSchema;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An identity shown as a SCIM User: its stored resource as last pushed, if SCIM pushed it, with the
 * attributes of the fixed mapping ({@link UserMapping}) taken from the identity, which other
 * sources may have changed since. Shown, {@code userName} is the identity's, else its e-mail, else
 * its employeeId, else its id; {@code displayName} is the identity's, else "givenName familyName";
 * {@code active} is whether the lifecycle state is neither TERMINATED nor PURGED.
 */
final class UserResources {

  private UserResources() {}

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
    Map<String, String> pushed = UserMapping.attributesOf(stored);
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
    for (Attribute attribute : UserSchema.CORE) {
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

  /** The userName a User shows: the identity's, else its e-mail, else its employeeId, else id. */
  static String shownUserName(String id, Map<String, String> attributes) {
    String shown =
        first(attributes.get("userName"), attributes.get("email"), attributes.get("employeeId"));
    return shown == null ? id : shown;
  }

  /** The identity as a SCIM User from its attributes alone. */
  private static ObjectNode derived(
      String id, LifecycleState state, Map<String, String> attributes) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode user = nodes.objectNode();
    ArrayNode schemas = user.putArray("schemas").add(ScimSchemas.USER);
    user.put("id", id);
    put(user, "externalId", attributes.get("externalId"));
    user.put("userName", shownUserName(id, attributes));
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
}
