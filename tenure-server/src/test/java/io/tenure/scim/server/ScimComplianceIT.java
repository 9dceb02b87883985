package io.tenure.scim.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.scim.server.store.HostileFilters;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a third-party SCIM compliance suite checks (RFC 7644), and hostile input: unknown endpoints
 * and methods are SCIM errors for a valid token, PATCH messages and paths are checked, a PATCH that
 * changes nothing writes nothing, a deleted User's employeeNumber brings that person back, control
 * characters are refused and kept nowhere, filters are bounded, and hostile filters and PATCH
 * bodies (the fuzz tests' generators, against the database) never get a 500.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScimComplianceIT {

  private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
  private static final String ENTERPRISE =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  private ScimTestServer server;

  @BeforeAll
  void start() throws Exception {
    server = new ScimTestServer();
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String user(String userName, String externalId, String employeeNumber) {
    return """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
         "userName":"%s","externalId":"%s","name":{"givenName":"Cleo","familyName":"Compliant"},
         "emails":[{"value":"%s@example.com","type":"work","primary":true}],
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
           {"employeeNumber":"%s","department":"Sales"}}
        """
        .formatted(userName, externalId, userName, employeeNumber);
  }

  private JsonNode create(String body) throws Exception {
    HttpResponse<String> created = server.scim("POST", "/Users", body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return ScimHttpIT.json(created);
  }

  private static String patch(String operations) {
    return "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[" + operations + "]}";
  }

  private static void assertError(
      HttpResponse<String> response, int status, @Nullable String scimType) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/scim+json");
    JsonNode error = ScimHttpIT.json(response);
    assertThat(error.get("schemas").get(0).asText())
        .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
    assertThat(error.get("status").asText()).isEqualTo(Integer.toString(status));
    if (scimType != null) {
      assertThat(error.path("scimType").asText()).as(response.body()).isEqualTo(scimType);
    }
  }

  private static String detail(HttpResponse<String> response) throws Exception {
    return ScimHttpIT.json(response).get("detail").asText();
  }

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }

  @Test
  void unknownEndpointsAndMethodsAreScimErrorsForAValidToken() throws Exception {
    for (String token : new String[] {server.scimToken, server.adminToken}) {
      assertError(server.send("GET", "/Nothing", null, token), 404, null);
      assertError(server.send("POST", "/Nothing/deeper", "{}", token), 404, null);
      assertError(server.send("GET", "/Users/42/groups", null, token), 404, null);
      assertError(server.send("GET", "", null, token), 404, null);
    }
    HttpResponse<String> deleteAll = server.scim("DELETE", "/Users", null);
    assertError(deleteAll, 405, null);
    assertThat(deleteAll.headers().firstValue("Allow").orElse(""))
        .isEqualTo("GET, HEAD, OPTIONS, POST");
    HttpResponse<String> putConfig = server.scim("PUT", "/ServiceProviderConfig", "{}");
    assertError(putConfig, 405, null);
    assertThat(putConfig.headers().firstValue("Allow").orElse("")).isEqualTo("GET, HEAD, OPTIONS");
    assertError(server.scim("GET", "/Bulk", null), 405, null);
    assertError(server.scim("POST", "/Users/some-id", "{}"), 405, null);
    HttpResponse<String> options = server.scim("OPTIONS", "/Groups/some-id", null);
    assertThat(options.statusCode()).isEqualTo(200);
    assertThat(options.headers().firstValue("Allow").orElse("").split(",\\s*"))
        .containsExactlyInAnyOrder("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "PUT");
    assertError(server.scim("GET", "/Me", null), 501, null);
    // without a valid token, nothing is told
    HttpResponse<String> anonymous = server.send("GET", "/Nothing", null, null);
    assertError(anonymous, 401, null);
    assertError(server.send("DELETE", "/Users", null, "tenure_bad_token"), 401, null);
  }

  @Test
  void aPatchOpWhoseSchemasIsMissingOrWrongIsRefused() throws Exception {
    String id = create(user(unique("schemas"), unique("ext"), unique("N"))).get("id").asText();
    String operations = "[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Lead\"}]";
    assertError(
        server.scim("PATCH", "/Users/" + id, "{\"Operations\":" + operations + "}"),
        400,
        "invalidSyntax");
    assertError(
        server.scim(
            "PATCH",
            "/Users/" + id,
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],"
                + "\"Operations\":"
                + operations
                + "}"),
        400,
        "invalidSyntax");
    String group = groupId(unique("schemas"));
    assertError(
        server.scim("PATCH", "/Groups/" + group, "{\"Operations\":" + operations + "}"),
        400,
        "invalidSyntax");
    HttpResponse<String> bulk =
        server.scim(
            "POST",
            "/Bulk",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],"
                + "\"Operations\":[{\"method\":\"PATCH\",\"path\":\"/Users/"
                + id
                + "\",\"data\":{\"Operations\":"
                + operations
                + "}}]}");
    assertThat(bulk.statusCode()).isEqualTo(200);
    assertThat(ScimHttpIT.json(bulk).get("Operations").get(0).get("status").asText())
        .isEqualTo("400");
    assertThat(ScimHttpIT.json(server.scim("GET", "/Users/" + id, null)).has("title")).isFalse();
  }

  @Test
  void aPatchOfAPathInNoSchemaIsRefusedAndChangesNothing() throws Exception {
    JsonNode created = create(user(unique("paths"), unique("ext"), unique("N")));
    String id = created.get("id").asText();
    Thread.sleep(20);
    for (String operation :
        new String[] {
          "{\"op\":\"remove\",\"path\":\"favouriteColour\"}",
          "{\"op\":\"remove\",\"path\":\"name.nickName\"}",
          "{\"op\":\"remove\",\"path\":\"" + ENTERPRISE + ":shoeSize\"}",
          "{\"op\":\"add\",\"path\":\"favouriteColour\",\"value\":\"red\"}",
          "{\"op\":\"replace\",\"path\":\"favouriteColour\",\"value\":\"red\"}"
        }) {
      HttpResponse<String> refused = server.scim("PATCH", "/Users/" + id, patch(operation));
      assertError(refused, 400, "invalidPath");
    }
    assertError(
        server.scim("PATCH", "/Users/" + id, patch("{\"op\":\"remove\"}")), 400, "noTarget");
    JsonNode after = ScimHttpIT.json(server.scim("GET", "/Users/" + id, null));
    assertThat(after).isEqualTo(created);

    String group = groupId(unique("paths"));
    assertError(
        server.scim("PATCH", "/Groups/" + group, patch("{\"op\":\"remove\",\"path\":\"owner\"}")),
        400,
        "invalidPath");
  }

  @Test
  void aPatchThatChangesNothingKeepsLastModifiedAndTheVersion() throws Exception {
    String userName = unique("same");
    JsonNode created = create(user(userName, unique("ext"), unique("N")));
    String id = created.get("id").asText();
    String rows = storedTimes(id);
    Thread.sleep(50);
    for (String operation :
        new String[] {
          "{\"op\":\"replace\",\"path\":\"name.givenName\",\"value\":\"Cleo\"}",
          "{\"op\":\"remove\",\"path\":\"nickName\"}",
          "{\"op\":\"add\",\"path\":\"emails\",\"value\":"
              + "[{\"value\":\""
              + userName
              + "@example.com\",\"type\":\"work\",\"primary\":true}]}",
          "{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"True\"}",
          "{\"op\":\"replace\",\"value\":{\"" + ENTERPRISE + "\":{\"department\":\"Sales\"}}}"
        }) {
      HttpResponse<String> same =
          server.scim(
              "PATCH",
              "/Users/" + id,
              patch(operation),
              "If-Match",
              created.get("meta").get("version").asText());
      assertThat(same.statusCode()).as(same.body()).isEqualTo(200);
      assertThat(ScimHttpIT.json(same)).as(operation).isEqualTo(created);
      assertThat(same.headers().firstValue("ETag").orElseThrow())
          .isEqualTo(created.get("meta").get("version").asText());
    }
    assertThat(storedTimes(id))
        .as("neither the identity nor the stored User was written")
        .isEqualTo(rows);

    JsonNode group =
        ScimHttpIT.json(server.scim("GET", "/Groups/" + groupId(unique("same")), null));
    String groupId = group.get("id").asText();
    String member = "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + id + "\"}]}";
    JsonNode withMember =
        ScimHttpIT.json(server.scim("PATCH", "/Groups/" + groupId, patch(member)));
    Thread.sleep(20);
    HttpResponse<String> again = server.scim("PATCH", "/Groups/" + groupId, patch(member));
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(ScimHttpIT.json(again).get("meta")).isEqualTo(withMember.get("meta"));
  }

  @Test
  void aDeletedUsersEmployeeNumberBringsThatPersonBack() throws Exception {
    String employeeNumber = unique("N");
    JsonNode first = create(user(unique("leaver"), unique("ext"), employeeNumber));
    String id = first.get("id").asText();
    IdentityRepository identities = server.context.getBean(IdentityRepository.class);
    String uid = identities.find(new IdentityId(id)).orElseThrow().usernames().get("directory");
    assertThat(server.scim("DELETE", "/Users/" + id, null).statusCode()).isEqualTo(204);
    assertThat(server.view.account(uid).orElseThrow().enabled()).isFalse();

    // the identity provider's new object for the returning person: new externalId and userName
    String userName = unique("returner");
    JsonNode back = create(user(userName, unique("ext"), employeeNumber));
    assertThat(back.get("id").asText()).as("the same person, not a duplicate").isEqualTo(id);
    assertThat(back.get("userName").asText()).isEqualTo(userName);
    assertThat(back.get("active").asBoolean()).isTrue();
    assertThat(identities.find(new IdentityId(id)).orElseThrow().state())
        .isEqualTo(LifecycleState.ACTIVE);
    assertThat(server.view.account(uid).orElseThrow().enabled())
        .as("the same account, enabled again")
        .isTrue();

    // another person cannot take the number, by POST, PUT or PATCH
    assertError(
        server.scim("POST", "/Users", user(unique("other"), unique("ext"), employeeNumber)),
        409,
        "uniqueness");
    String otherId = create(user(unique("other"), unique("ext"), unique("N"))).get("id").asText();
    HttpResponse<String> taken =
        server.scim(
            "PATCH",
            "/Users/" + otherId,
            patch(
                "{\"op\":\"replace\",\"path\":\""
                    + ENTERPRISE
                    + ":employeeNumber\",\"value\":\""
                    + employeeNumber
                    + "\"}"));
    assertError(taken, 409, "uniqueness");
    assertThat(detail(taken)).contains("is another person's");

    JsonNode schema =
        ScimHttpIT.json(server.scim("GET", "/Schemas/" + ENTERPRISE, null)).get("attributes");
    JsonNode declared = null;
    for (JsonNode attribute : schema) {
      if (attribute.get("name").asText().equals("employeeNumber")) {
        declared = attribute;
      }
    }
    assertThat(declared).isNotNull();
    assertThat(declared.get("uniqueness").asText()).isEqualTo("server");
  }

  @Test
  void controlCharactersAreRefusedNamingTheAttributeAndKeptNowhere() throws Exception {
    String userName = unique("nul");
    String nul =
        """
        {"userName":"%s","name":{"givenName":"An\\u0000na","familyName":"Nul"},
         "externalId":"%s"}
        """
            .formatted(userName, unique("ext"));
    HttpResponse<String> refused = server.scim("POST", "/Users", nul);
    assertError(refused, 400, "invalidValue");
    assertThat(detail(refused)).isEqualTo("name.givenName contains a NUL character (U+0000)");
    HttpResponse<String> escape =
        server.scim(
            "POST",
            "/Users",
            "{\"userName\":\""
                + userName
                + "\",\"phoneNumbers\":[{\"value\":\"+49\\u001b[31m\",\"type\":\"work\"}]}");
    assertError(escape, 400, "invalidValue");
    assertThat(detail(escape))
        .isEqualTo("phoneNumbers.value contains the control character U+001B");
    assertThat(
            ScimHttpIT.json(
                    server.scim(
                        "GET", "/Users?filter=" + encode("userName eq \"" + userName + "\""), null))
                .get("totalResults")
                .asInt())
        .as("nothing was kept")
        .isZero();

    JsonNode created = create(user(userName, unique("ext"), unique("N")));
    String id = created.get("id").asText();
    HttpResponse<String> patched =
        server.scim(
            "PATCH",
            "/Users/" + id,
            patch(
                "{\"op\":\"replace\",\"path\":\""
                    + ENTERPRISE
                    + ":department\",\"value\":\"Sa\\u0000les\"}"));
    assertError(patched, 400, "invalidValue");
    assertThat(detail(patched)).contains(ENTERPRISE + ":department contains a NUL character");
    assertThat(ScimHttpIT.json(server.scim("GET", "/Users/" + id, null))).isEqualTo(created);

    assertError(
        server.scim("POST", "/Groups", "{\"displayName\":\"ops\\u0000\"}"), 400, "invalidValue");
    // a NUL in a request's path: refused before SCIM sees it (400), or no such resource (404)
    assertThat(server.scim("GET", "/Users/" + id + "%00", null).statusCode()).isIn(400, 404);
    HttpResponse<String> bulk =
        server.scim(
            "POST",
            "/Bulk",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],"
                + "\"Operations\":[{\"method\":\"DELETE\",\"path\":\"/Users/\\u0000\"},"
                + "{\"method\":\"PUT\",\"path\":\"/Groups/x\\u0000\",\"data\":"
                + "{\"displayName\":\"x\"}}]}");
    assertThat(bulk.statusCode()).as(bulk.body()).isEqualTo(200);
    for (JsonNode result : ScimHttpIT.json(bulk).get("Operations")) {
      assertThat(result.get("status").asText()).as(bulk.body()).isEqualTo("404");
    }
    assertError(
        server.scim("GET", "/Users?filter=" + encode("userName eq \"a\u0000b\""), null),
        400,
        "invalidFilter");
    assertError(
        server.scim(
            "POST",
            "/Groups/.search",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],"
                + "\"filter\":\"displayName eq \\\"\\u0000\\\"\"}"),
        400,
        "invalidFilter");
  }

  @Test
  void hugeAndDeepFiltersAreRefusedQuickly() throws Exception {
    String twentyThousand =
        IntStream.range(0, 20_000)
            .mapToObj(index -> "userName eq \\\"u" + index + "\\\"")
            .collect(Collectors.joining(" or "));
    String search =
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],\"filter\":\"%s\"}";
    long started = System.nanoTime();
    HttpResponse<String> huge =
        server.scim("POST", "/Users/.search", search.formatted(twentyThousand));
    Duration hugeTook = Duration.ofNanos(System.nanoTime() - started);
    assertError(huge, 400, "invalidFilter");
    assertThat(detail(huge)).contains("at most 10000 are accepted");

    String deep = "(".repeat(3_000) + "userName eq \\\"x\\\"" + ")".repeat(3_000);
    started = System.nanoTime();
    HttpResponse<String> nested = server.scim("POST", "/Groups/.search", search.formatted(deep));
    Duration deepTook = Duration.ofNanos(System.nanoTime() - started);
    assertError(nested, 400, "invalidFilter");
    assertThat(detail(nested)).contains("more than 32 levels deep");

    String many =
        IntStream.range(0, 300).mapToObj(index -> "id pr").collect(Collectors.joining(" or "));
    assertError(server.scim("GET", "/Users?filter=" + encode(many), null), 400, "invalidFilter");
    assertError(
        server.scim(
            "PATCH",
            "/Users/any",
            patch(
                "{\"op\":\"remove\",\"path\":\"emails["
                    + twentyThousand.replace("userName", "value")
                    + "]\"}")),
        400,
        "invalidFilter");
    System.out.printf(
        "ScimComplianceIT: the 20,000-clause filter was refused in %d ms, the 3,000-deep one in"
            + " %d ms%n",
        hugeTook.toMillis(), deepTook.toMillis());
    assertThat(hugeTook)
        .as("the 20,000-clause filter is refused at once")
        .isLessThan(Duration.ofSeconds(3));
    assertThat(deepTook).as("the deep filter is refused at once").isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void hostileFiltersAndPatchesAgainstTheDatabaseNeverAnswer500() throws Exception {
    long seed = Long.getLong("tenure.fuzz.seed", System.nanoTime());
    Random random = new Random(seed);
    HostileFilters filters = new HostileFilters(random);
    HostilePatches patches = new HostilePatches(random);
    String id = create(user(unique("fuzz"), unique("ext"), unique("N"))).get("id").asText();
    String group = groupId(unique("fuzz"));
    Map<Integer, Integer> statuses = new TreeMap<>();
    for (int index = 0; index < 400; index++) {
      String filter = filters.next();
      String endpoint = index % 2 == 0 ? "/Users/.search" : "/Groups/.search";
      HttpResponse<String> found =
          server.scim(
              "POST",
              endpoint,
              JsonUtils.getObjectWriter()
                  .writeValueAsString(
                      Map.of(
                          "schemas",
                          List.of("urn:ietf:params:scim:api:messages:2.0:SearchRequest"),
                          "filter",
                          filter,
                          "count",
                          2)));
      statuses.merge(found.statusCode(), 1, Integer::sum);
      assertThat(found.statusCode())
          .as(
              "case %d (replay with -Dtenure.fuzz.seed=%d): %s -> %s",
              index, seed, filter, found.body())
          .isIn(200, 400);
    }
    for (int index = 0; index < 300; index++) {
      String body = patches.next();
      HttpResponse<String> patched =
          server.scim("PATCH", (index % 3 == 0 ? "/Groups/" + group : "/Users/" + id), body);
      statuses.merge(patched.statusCode(), 1, Integer::sum);
      assertThat(patched.statusCode())
          .as(
              "patch %d (replay with -Dtenure.fuzz.seed=%d): %s -> %s",
              index, seed, body, patched.body())
          .isLessThan(500);
    }
    System.out.printf("ScimComplianceIT: hostile requests by status %s%n", statuses);
  }

  private String groupId(String displayName) throws Exception {
    HttpResponse<String> created =
        server.scim("POST", "/Groups", "{\"displayName\":\"" + displayName + "\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return ScimHttpIT.json(created).get("id").asText();
  }

  /** When the identity and its stored User were last written, as the database has them. */
  private String storedTimes(String id) throws Exception {
    try (Connection connection = server.context.getBean(DataSource.class).getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "select i.updated_at::text || ' ' || s.updated_at::text || ' ' || s.resource::text"
                    + " from identities i join scim_users s on s.identity_id = i.id"
                    + " where i.id = ?")) {
      statement.setString(1, id);
      try (ResultSet row = statement.executeQuery()) {
        assertThat(row.next()).isTrue();
        return row.getString(1);
      }
    }
  }
}
