package io.tenure.scim.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.tenure.scim.server.store.StoredUser;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * A stored User as served: the identity as a User ({@link UserResources}), its read-only {@code
 * groups} and its {@code meta}, whose {@code version} is a hash of the rest, so that it changes
 * exactly when what a GET returns changes.
 */
final class ServedUsers {

  private ServedUsers() {}

  /** The User as served at {@code baseUrl}. */
  static ServedResource served(StoredUser user, String baseUrl) {
    String id = user.id().value();
    ObjectNode resource =
        UserResources.toResource(id, user.state(), user.attributes(), user.resource());
    showGroups(resource, user, baseUrl);
    String version = version(resource);
    resource.set(
        "meta", meta(baseUrl + "/Users/" + id, user.created(), user.lastModified(), version));
    return new ServedResource(id, resource, version);
  }

  /** Sets the User's read-only {@code groups} (none when it is in no Group), each with its $ref. */
  private static void showGroups(ObjectNode resource, StoredUser user, String baseUrl) {
    if (user.groups().isEmpty()) {
      return;
    }
    ArrayNode shown = resource.putArray("groups");
    for (StoredUser.Group group : user.groups()) {
      shown
          .addObject()
          .put("value", group.id())
          .put("display", group.displayName())
          .put("type", "direct")
          .put("$ref", baseUrl + "/Groups/" + group.id());
    }
  }

  /** A weak entity tag over the resource's content. */
  static String version(ObjectNode resource) {
    try {
      byte[] bytes = JsonUtils.getObjectWriter().writeValueAsBytes(resource);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "W/\"" + HexFormat.of().formatHex(digest, 0, 10) + "\"";
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot compute a version", e);
    }
  }

  /** The resource's {@code meta} object. */
  private static ObjectNode meta(
      String location, @Nullable Instant created, Instant lastModified, String version) {
    ObjectNode meta = JsonNodeFactory.instance.objectNode();
    meta.put("resourceType", "User");
    if (created != null) {
      meta.put("created", created.toString());
    }
    meta.put("lastModified", lastModified.toString());
    meta.put("location", location);
    meta.put("version", version);
    return meta;
  }
}
