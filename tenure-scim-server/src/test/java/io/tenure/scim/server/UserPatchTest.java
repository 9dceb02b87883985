package io.tenure.scim.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.utils.JsonUtils;
import org.junit.jupiter.api.Test;

/**
 * PATCH messages of Users (RFC 7644 section 3.5.2): a PatchOp message only, paths of the User
 * schemas only (for remove too), a remove with a path, and a PATCH that changes nothing is told
 * apart.
 */
class UserPatchTest {

  private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

  private static ObjectNode json(String text) throws Exception {
    return (ObjectNode) JsonUtils.getObjectReader().readTree(text);
  }

  private static ObjectNode message(String operations) throws Exception {
    return json("{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":" + operations + "}");
  }

  /** One operation; add and replace with a value, remove without. */
  private static ObjectNode operation(String op, String path) throws Exception {
    String value = op.equals("remove") ? "" : ",\"value\":\"x\"";
    return message("[{\"op\":\"" + op + "\",\"path\":\"" + path + "\"" + value + "}]");
  }

  private static ObjectNode user() throws Exception {
    return json(
        """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"42","userName":"ada",
         "name":{"givenName":"Ada","familyName":"Lovelace"},"title":"Engineer","active":true,
         "emails":[{"value":"ada@example.com","type":"work","primary":true}],
         "meta":{"resourceType":"User","version":"W/\\"1\\""}}
        """);
  }

  private static void assertRefused(ObjectNode body, String scimType, String message) {
    assertThatThrownBy(() -> UserPatch.parse(body))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            refused -> {
              assertThat(refused.getScimError().getScimType())
                  .as(refused.getMessage())
                  .isEqualTo(scimType);
              assertThat(refused.getMessage()).contains(message);
            });
  }

  @Test
  void aMessageWhoseSchemasIsMissingOrWrongIsRefused() throws Exception {
    String operations = "[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Lead\"}]";
    assertRefused(
        json("{\"Operations\":" + operations + "}"), "invalidSyntax", "its schemas must be");
    assertRefused(
        json(
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"Operations\":"
                + operations
                + "}"),
        "invalidSyntax",
        "its schemas must be");
    assertRefused(
        json("{\"schemas\":\"" + PATCH_OP + "\",\"Operations\":" + operations + "}"),
        "invalidSyntax",
        "its schemas must be");
    assertRefused(
        json("{\"schemas\":[\"" + PATCH_OP + "\",\"urn:x\"],\"Operations\":" + operations + "}"),
        "invalidSyntax",
        "its schemas must be");
    UserPatch.parse(
        json(
            "{\"SCHEMAS\":[\""
                + PATCH_OP.toUpperCase(java.util.Locale.ROOT)
                + "\"],\"Operations\":"
                + operations
                + "}"));
  }

  @Test
  void aPathInNoSchemaIsRefusedForEveryOperation() throws Exception {
    for (String op : new String[] {"add", "replace", "remove"}) {
      for (String path :
          new String[] {
            "nickNames",
            "name.nickName",
            "emails[type eq \\\"work\\\"].label",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCentre",
            "urn:example:extension:User:shoeSize"
          }) {
        assertRefused(operation(op, path), "invalidPath", "names no attribute of the User schemas");
      }
      assertRefused(
          operation(op, "name.givenName.first"), "invalidPath", "more than one level deep");
    }
  }

  @Test
  void pathsOfTheSchemasAreAcceptedInAnyCase() throws Exception {
    for (String path :
        new String[] {
          "NICKNAME",
          "name.middleName",
          "emails[type eq \\\"work\\\"].value",
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter",
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
          "urn:ietf:params:scim:schemas:core:2.0:User:title",
          "meta.lastModified"
        }) {
      UserPatch.parse(message("[{\"op\":\"remove\",\"path\":\"" + path + "\"}]"));
    }
  }

  @Test
  void aRemoveWithoutAPathHasNoTarget() throws Exception {
    assertRefused(message("[{\"op\":\"remove\"}]"), "noTarget", "a remove operation needs a path");
  }

  @Test
  void aPatchThatChangesNothingIsToldApart() throws Exception {
    ObjectNode current = user();
    for (String operations :
        new String[] {
          "[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Engineer\"}]",
          "[{\"op\":\"remove\",\"path\":\"nickName\"}]",
          "[{\"op\":\"add\",\"path\":\"emails\",\"value\":"
              + "[{\"value\":\"ada@example.com\",\"type\":\"work\",\"primary\":true}]}]",
          "[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"True\"}]",
          "[{\"op\":\"replace\",\"value\":{\"name\":{\"givenName\":\"Ada\"}}}]"
        }) {
      ObjectNode patched = UserPatch.parse(message(operations)).applyTo(current, "42");
      assertThat(UserPatch.changes(current, patched)).as(operations).isFalse();
    }
    ObjectNode retitled =
        UserPatch.parse(message("[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Lead\"}]"))
            .applyTo(current, "42");
    assertThat(UserPatch.changes(current, retitled)).isTrue();
  }

  @Test
  void theIdStaysReadOnly() throws Exception {
    assertThatThrownBy(
            () ->
                UserPatch.parse(message("[{\"op\":\"replace\",\"path\":\"id\",\"value\":\"7\"}]"))
                    .applyTo(user(), "42"))
        .isInstanceOfSatisfying(
            ScimException.class,
            refused -> assertThat(refused.getScimError().getScimType()).isEqualTo("mutability"));
  }
}
