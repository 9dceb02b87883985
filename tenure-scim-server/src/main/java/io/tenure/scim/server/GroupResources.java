package io.tenure.scim.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenure.scim.server.schema.ScimSchemas;
import io.tenure.scim.server.store.StoredGroup;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A stored Group as served: {@code id}, {@code externalId}, {@code displayName}, the {@code
 * members} (each with {@code value}, {@code $ref}, {@code display} and {@code type} User) when
 * loaded, and {@code meta}, whose {@code version} counts the Group's writes.
 */
final class GroupResources {

  static final String MEMBERS = "members";

  private GroupResources() {}

  /** Whether a response with these attributes shows members (so they must be loaded). */
  static boolean showsMembers(List<String> attributes, List<String> excluded) {
    boolean named =
        attributes.isEmpty()
            || attributes.stream().anyMatch(name -> attributeName(name).equals(MEMBERS));
    return named && excluded.stream().noneMatch(name -> attributeName(name).equals(MEMBERS));
  }

  private static String attributeName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    String core = ScimSchemas.GROUP.toLowerCase(Locale.ROOT) + ":";
    if (lower.startsWith(core)) {
      lower = lower.substring(core.length());
    }
    int dot = lower.indexOf('.');
    return dot < 0 ? lower : lower.substring(0, dot);
  }

  /** The Group's entity tag: its write counter, weak. */
  static String version(StoredGroup group) {
    return "W/\"" + group.version() + "\"";
  }

  /**
   * The Group as served at {@code baseUrl}.
   *
   * @param members its members, or null when the response does not show them (not loaded)
   */
  static ServedResource served(
      StoredGroup group, @Nullable List<StoredGroup.Member> members, String baseUrl) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode resource = nodes.objectNode();
    resource.putArray("schemas").add(ScimSchemas.GROUP);
    resource.put("id", group.id());
    if (group.externalId() != null) {
      resource.put("externalId", group.externalId());
    }
    resource.put("displayName", group.displayName());
    if (members != null && !members.isEmpty()) {
      ArrayNode array = resource.putArray(MEMBERS);
      for (StoredGroup.Member member : members) {
        array
            .addObject()
            .put("value", member.value())
            .put("$ref", baseUrl + "/Users/" + member.value())
            .put("display", member.display())
            .put("type", "User");
      }
    }
    String version = version(group);
    ObjectNode meta = resource.putObject("meta");
    meta.put("resourceType", "Group");
    meta.put("created", group.created().toInstant().toString());
    meta.put("lastModified", group.lastModified().toInstant().toString());
    meta.put("location", baseUrl + "/Groups/" + group.id());
    meta.put("version", version);
    return new ServedResource(group.id(), resource, version);
  }
}
