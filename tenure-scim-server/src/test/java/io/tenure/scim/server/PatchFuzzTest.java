package io.tenure.scim.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.tenure.core.source.ControlCharacters;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A seeded fuzz test of PATCH: 10,000 request bodies from {@link HostilePatches}, each parsed and
 * applied to a User (then read as a push, as the server does) and to a Group. Whatever the body,
 * the outcome is a result or a SCIM error of the 4xx class, never another exception (which the
 * server would answer with 500); and a User that comes out holds no control character in any value.
 * Set {@code -Dtenure.fuzz.seed=N} to replay a failure (the seed is printed with it) and {@code
 * -Dtenure.fuzz.cases=N} for more cases.
 */
class PatchFuzzTest {

  private static final int CASES = Integer.getInteger("tenure.fuzz.cases", 10_000);

  private static final String USER =
      """
      {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
       "id":"42","userName":"ada","externalId":"ext-42",
       "name":{"givenName":"Ada","familyName":"Lovelace","formatted":"Ada Lovelace"},
       "title":"Engineer","active":true,
       "emails":[{"value":"ada@example.com","type":"work","primary":true},
                 {"value":"ada@home.example","type":"home"}],
       "phoneNumbers":[{"value":"+49 30 1234","type":"work"}],
       "addresses":[{"type":"work","locality":"Berlin","country":"DE"}],
       "groups":[{"value":"g1","display":"sales","type":"direct"}],
       "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
         {"employeeNumber":"E42","department":"Sales","manager":{"value":"E1"}},
       "meta":{"resourceType":"User","version":"W/\\"1\\""}}
      """;

  private static final String GROUP =
      """
      {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"g1","displayName":"sales",
       "externalId":"ext-g1","members":[{"value":"42","display":"ada","type":"User"}],
       "meta":{"resourceType":"Group","version":"W/\\"3\\""}}
      """;

  private static final Map<String, Path> MAPPED =
      Map.of(
          "costCenter",
          ScimUserPaths.path(
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter"),
          "workPhone",
          ScimUserPaths.path("phoneNumbers[type eq \"work\"].value"));

  @Test
  void noPatchCrashesAndNoneLeavesAControlCharacterInAUser() throws Exception {
    long seed = Long.getLong("tenure.fuzz.seed", System.nanoTime());
    HostilePatches patches = new HostilePatches(new Random(seed));
    ObjectNode user = (ObjectNode) JsonUtils.getObjectReader().readTree(USER);
    ObjectNode group = (ObjectNode) JsonUtils.getObjectReader().readTree(GROUP);
    int applied = 0;
    int refused = 0;
    for (int index = 0; index < CASES; index++) {
      String text = patches.next();
      ObjectNode body;
      try {
        body = ScimResponses.object(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      } catch (ScimException notJson) {
        continue;
      }
      try {
        ObjectNode patched = UserPatch.parse(body).applyTo(user, "42");
        UserMapping.Pushed pushed = UserMapping.fromResource(patched, MAPPED);
        assertNoControlCharacter(pushed.resource(), seed, index, text);
        for (String value : pushed.attributes().values()) {
          assertClean(value, seed, index, text);
        }
        applied++;
      } catch (ScimException e) {
        assertClientError(e, seed, index, text);
        refused++;
      } catch (RuntimeException crash) {
        fail(replay(seed, index, text) + ": a User's PATCH crashed (a 500)", crash);
      }
      try {
        GroupPatch.parse(body).applyTo(group, "g1");
      } catch (ScimException e) {
        assertClientError(e, seed, index, text);
      } catch (RuntimeException crash) {
        fail(replay(seed, index, text) + ": a Group's PATCH crashed (a 500)", crash);
      }
    }
    assertThat(applied).as("patches applied").isPositive();
    assertThat(refused).as("patches refused").isPositive();
  }

  private static void assertClientError(ScimException e, long seed, int index, String text) {
    assertThat(e.getScimError().getStatus())
        .as("%s: %s", replay(seed, index, text), e.getMessage())
        .isBetween(400, 499);
  }

  private static void assertNoControlCharacter(JsonNode node, long seed, int index, String text) {
    if (node == null) {
      return;
    }
    if (node.isTextual()) {
      assertClean(node.textValue(), seed, index, text);
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      assertClean(field.getKey(), seed, index, text);
      assertNoControlCharacter(field.getValue(), seed, index, text);
    }
    if (node.isArray()) {
      node.forEach(element -> assertNoControlCharacter(element, seed, index, text));
    }
  }

  private static void assertClean(String value, long seed, int index, String text) {
    assertThat(ControlCharacters.first(value))
        .as("%s: a control character in %s", replay(seed, index, text), value)
        .isEmpty();
  }

  private static String replay(long seed, int index, String text) {
    String shown = text.length() > 400 ? text.substring(0, 400) + "..." : text;
    return "case " + index + " (replay with -Dtenure.fuzz.seed=" + seed + "): " + shown;
  }
}
