package io.tenure.server.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.audit.AuditRecord;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.server.security.ApiTokens;
import io.tenure.server.security.TokenScope;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The SCIM server over raw HTTP: authentication, the source semantics, quirks, bad input. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScimHttpIT {

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

  static JsonNode json(HttpResponse<String> response) throws Exception {
    return JsonUtils.getObjectReader().readTree(response.body());
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private String user(String userName, String given, String family, String department) {
    return """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
         "userName":"%s","externalId":"ext-%s",
         "name":{"givenName":"%s","familyName":"%s"},
         "userType":"employee","title":"Engineer","active":true,
         "emails":[{"value":"%s@example.com","type":"work","primary":true}],
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
           {"employeeNumber":"N-%s","department":"%s"}}
        """
        .formatted(userName, userName, given, family, userName, userName, department);
  }

  private JsonNode create(String body) throws Exception {
    HttpResponse<String> created = server.scim("POST", "/Users", body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json(created);
  }

  @Test
  void tokensGuardEverythingButHealth() throws Exception {
    HttpResponse<String> none = server.send("GET", "/Users", null, null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/scim+json");
    assertThat(json(none).get("schemas").get(0).asText())
        .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
    assertThat(server.send("GET", "/Users", null, "tenure_bad_token").statusCode()).isEqualTo(401);
    assertThat(
            server
                .send("GET", "/Users", null, server.scimToken.substring(0, 20) + "x")
                .statusCode())
        .isEqualTo(401);
    assertThat(server.scim("GET", "/ServiceProviderConfig", null).statusCode()).isEqualTo(200);
    assertThat(server.send("GET", "/Users", null, server.adminToken).statusCode()).isEqualTo(200);
    assertThat(
            server
                .send("GET", server.root() + "/api/v1/identities", null, server.scimToken)
                .statusCode())
        .isEqualTo(403);
    assertThat(server.send("GET", server.root() + "/actuator/health", null, null).statusCode())
        .isEqualTo(200);

    ApiTokens tokens = server.context.getBean(ApiTokens.class);
    ApiTokens.CreatedToken created = tokens.create(TokenScope.SCIM, "short-lived");
    assertThat(server.send("GET", "/Users?count=1", null, created.secret()).statusCode())
        .isEqualTo(200);
    assertThat(tokens.revoke(created.token().id())).isTrue();
    assertThat(server.send("GET", "/Users?count=1", null, created.secret()).statusCode())
        .isEqualTo(401);
    assertThat(tokens.list())
        .anyMatch(token -> token.name().equals("short-lived") && token.revoked());
  }

  @Test
  void aPushedPersonGetsAnLdapAccountAndPatchActiveFalseDisablesItAtOnce() throws Exception {
    String userName = unique("ada");
    JsonNode created =
        create(user(userName, "Ada", "Lovelace" + userName.substring(4), "Engineering"));
    String id = created.get("id").asText();
    assertThat(created.get("active").asBoolean()).isTrue();

    IdentityRepository identities = server.context.getBean(IdentityRepository.class);
    var identity = identities.find(new IdentityId(id)).orElseThrow();
    assertThat(identity.state()).isEqualTo(LifecycleState.ACTIVE);
    String uid = identity.usernames().get("directory");
    assertThat(uid).isNotNull();
    var account = server.view.account(uid).orElseThrow();
    assertThat(account.enabled()).isTrue();
    assertThat(account.groups()).contains("staff", "engineering", "vpn");

    // a real client's quirks: capitalised op, boolean as a string
    HttpResponse<String> patched =
        server.scim(
            "PATCH",
            "/Users/" + id,
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","path":"active","value":"False"}]}
            """);
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    assertThat(json(patched).get("active").asBoolean()).isFalse();
    assertThat(identities.find(new IdentityId(id)).orElseThrow().state())
        .isEqualTo(LifecycleState.TERMINATED);
    assertThat(server.view.account(uid).orElseThrow().enabled()).isFalse();

    List<AuditRecord> events = server.context.getBean(AuditLog.class).recent(id, 50);
    assertThat(events)
        .anyMatch(
            event ->
                event.event().action().equals("identity.joiner")
                    && event.event().actor().equals("scim:okta-test"));
    assertThat(events)
        .anyMatch(
            event ->
                event.event().action().equals("identity.leaver")
                    && event.event().actor().equals("scim:okta-test"));
  }

  @Test
  void deleteIsALeaverThatKeepsHistory() throws Exception {
    String userName = unique("del");
    String id = create(user(userName, "Dora", "Delete", "Sales")).get("id").asText();
    String uid =
        server
            .context
            .getBean(IdentityRepository.class)
            .find(new IdentityId(id))
            .orElseThrow()
            .usernames()
            .get("directory");
    assertThat(server.view.account(uid).orElseThrow().enabled()).isTrue();
    assertThat(server.scim("DELETE", "/Users/" + id, null).statusCode()).isEqualTo(204);
    assertThat(server.scim("GET", "/Users/" + id, null).statusCode()).isEqualTo(404);
    assertThat(server.scim("DELETE", "/Users/" + id, null).statusCode()).isEqualTo(404);
    assertThat(
            server
                .context
                .getBean(IdentityRepository.class)
                .find(new IdentityId(id))
                .orElseThrow()
                .state())
        .isEqualTo(LifecycleState.TERMINATED);
    assertThat(server.view.account(uid).orElseThrow().enabled()).isFalse();
    JsonNode search =
        json(server.scim("GET", "/Users?filter=userName%20eq%20%22" + userName + "%22", null));
    assertThat(search.get("totalResults").asInt()).isZero();
  }

  @Test
  void putKeepsActiveWhenOmittedAndReplacesAttributes() throws Exception {
    String userName = unique("put");
    JsonNode created = create(user(userName, "Pat", "Put", "Sales"));
    String id = created.get("id").asText();
    HttpResponse<String> replaced =
        server.scim(
            "PUT",
            "/Users/" + id,
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
             "userName":"%s","name":{"givenName":"Pat","familyName":"Put"},
             "title":"Sales Manager","userType":"employee"}
            """
                .formatted(userName));
    assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
    JsonNode body = json(replaced);
    assertThat(body.get("active").asBoolean()).isTrue();
    assertThat(body.get("title").asText()).isEqualTo("Sales Manager");
    assertThat(body.has("emails")).isFalse();
    assertThat(replaced.headers().firstValue("ETag"))
        .hasValue(body.get("meta").get("version").asText());
  }

  @Test
  void etagsGiveNotModifiedAndPreconditionFailed() throws Exception {
    String userName = unique("etag");
    HttpResponse<String> created =
        server.scim("POST", "/Users", user(userName, "Eve", "Tag", "Sales"));
    String etag = created.headers().firstValue("ETag").orElseThrow();
    assertThat(created.headers().firstValue("Location").orElseThrow())
        .startsWith(server.baseUrl + "/Users/");
    String id = json(created).get("id").asText();
    assertThat(server.scim("GET", "/Users/" + id, null, "If-None-Match", etag).statusCode())
        .isEqualTo(304);
    String patch =
        """
        {"Operations":[{"op":"replace","value":{"title":"Lead","displayName":"Eve T."}}]}
        """;
    HttpResponse<String> changed = server.scim("PATCH", "/Users/" + id, patch, "If-Match", etag);
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    assertThat(json(changed).get("displayName").asText()).isEqualTo("Eve T.");
    HttpResponse<String> stale = server.scim("PATCH", "/Users/" + id, patch, "If-Match", etag);
    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(server.scim("GET", "/Users/" + id, null, "If-None-Match", etag).statusCode())
        .isEqualTo(200);
  }

  @Test
  void patchWithValueFilterPathsAndPathlessAdd() throws Exception {
    String userName = unique("vf");
    String id = create(user(userName, "Val", "Filter", "Support")).get("id").asText();
    HttpResponse<String> patched =
        server.scim(
            "PATCH",
            "/Users/" + id,
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[
               {"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"new.%s@example.com"},
               {"op":"Add","value":{"nickName":"val","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Finance"}}},
               {"op":"remove","path":"title"}]}
            """
                .formatted(userName));
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    JsonNode body = json(patched);
    assertThat(body.get("emails").get(0).get("value").asText())
        .isEqualTo("new." + userName + "@example.com");
    assertThat(
            body.get("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
                .get("department")
                .asText())
        .isEqualTo("Finance");
    assertThat(body.has("title")).isFalse();
  }

  @Test
  void filtersRunInTheDatabaseWithSortAndPaging() throws Exception {
    String team = unique("team");
    List<String> ids = new ArrayList<>();
    for (String name : List.of("Carla", "Anna", "Bruno", "Dieter")) {
      ids.add(
          create(user(team + "-" + name.toLowerCase(), name, "Zed", "Marketing"))
              .get("id")
              .asText());
    }
    String filter = "username sw \"" + team + "\"";
    JsonNode page =
        json(
            server.scim(
                "GET",
                "/Users?filter="
                    + encode(filter)
                    + "&sortBy=name.givenName&sortOrder=descending&startIndex=2&count=2",
                null));
    assertThat(page.get("totalResults").asInt()).isEqualTo(4);
    assertThat(page.get("startIndex").asInt()).isEqualTo(2);
    assertThat(page.get("itemsPerPage").asInt()).isEqualTo(2);
    assertThat(page.get("Resources").get(0).get("name").get("givenName").asText())
        .isEqualTo("Carla");
    assertThat(page.get("Resources").get(1).get("name").get("givenName").asText())
        .isEqualTo("Bruno");

    assertThat(
            count(
                "userName sw \""
                    + team
                    + "\" and (name.givenName eq \"anna\" or name.givenName co \"ieT\")"))
        .isEqualTo(2);
    assertThat(count("userName sw \"" + team + "\" and not (name.givenName ew \"a\")"))
        .isEqualTo(2);
    assertThat(
            count(
                "USERNAME sw \""
                    + team.toUpperCase()
                    + "\" and emails[type eq \"work\" and value co \""
                    + team
                    + "-b\"]"))
        .isEqualTo(1);
    assertThat(
            count(
                "userName sw \""
                    + team
                    + "\" and name.givenName gt \"b\" and name.givenName le \"carla\""))
        .isEqualTo(2);
    assertThat(count("userName sw \"" + team + "\" and title pr and active eq true")).isEqualTo(4);
    assertThat(count("userName sw \"" + team + "\" and name.givenName ne \"Anna\"")).isEqualTo(3);
    assertThat(
            count(
                "userName sw \""
                    + team
                    + "\" and urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"marketing\""))
        .isEqualTo(4);
    assertThat(
            count("userName sw \"" + team + "\" and meta.lastModified gt \"2000-01-01T00:00:00Z\""))
        .isEqualTo(4);
    assertThat(count("externalId eq \"ext-" + team + "-anna\"")).isEqualTo(1);
    assertThat(count("externalId eq \"EXT-" + team + "-anna\"")).isZero();

    HttpResponse<String> search =
        server.scim(
            "POST",
            "/Users/.search",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
             "filter":"userName sw \\"%s\\"","sortBy":"userName","attributes":["userName","name.givenName"],
             "startIndex":1,"count":10}
            """
                .formatted(team));
    assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
    JsonNode first = json(search).get("Resources").get(0);
    assertThat(first.get("userName").asText()).isEqualTo(team + "-anna");
    assertThat(first.has("title")).isFalse();
    assertThat(first.get("name").has("familyName")).isFalse();
    assertThat(first.get("id").asText()).isEqualTo(ids.get(1));

    JsonNode excluded =
        json(server.scim("GET", "/Users/" + ids.get(0) + "?excludedAttributes=emails,name", null));
    assertThat(excluded.has("emails")).isFalse();
    assertThat(excluded.has("name")).isFalse();
    assertThat(excluded.get("userName").asText()).isEqualTo(team + "-carla");
  }

  private int count(String filter) throws Exception {
    HttpResponse<String> response = server.scim("GET", "/Users?filter=" + encode(filter), null);
    assertThat(response.statusCode()).as(filter + ": " + response.body()).isEqualTo(200);
    return json(response).get("totalResults").asInt();
  }

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }

  @Test
  void badInputIsA400ClassScimErrorNeverA500() throws Exception {
    String userName = unique("bad");
    String id = create(user(userName, "Bad", "Input", "Sales")).get("id").asText();
    assertError(
        server.scim("GET", "/Users?filter=" + encode("userName eq"), null), 400, "invalidFilter");
    assertError(
        server.scim("GET", "/Users?filter=" + encode("nosuch eq \"x\""), null),
        400,
        "invalidFilter");
    assertError(
        server.scim("GET", "/Users?filter=" + encode("active co \"t\""), null),
        400,
        "invalidFilter");
    assertError(server.scim("POST", "/Users", "{not json"), 400, "invalidSyntax");
    assertError(server.scim("POST", "/Users", "[1,2]"), 400, "invalidSyntax");
    assertError(
        server.scim("POST", "/Users", "{\"userName\":\"x\",\"favouriteColour\":\"red\"}"),
        400,
        "invalidSyntax");
    assertError(server.scim("POST", "/Users", "{\"userName\":42}"), 400, "invalidValue");
    assertError(
        server.scim(
            "POST", "/Users", "{\"userName\":\"ok-" + userName + "\",\"active\":\"maybe\"}"),
        400,
        "invalidValue");
    assertError(
        server.scim("POST", "/Users", "{\"name\":{\"givenName\":\"x\"}}"), 400, "invalidValue");
    assertError(
        server.scim("POST", "/Users", user(userName, "Bad", "Again", "Sales")), 409, "uniqueness");
    assertError(
        server.scim("PUT", "/Users/" + id, "{\"id\":\"other\",\"userName\":\"" + userName + "\"}"),
        400,
        "mutability");
    assertError(
        server.scim(
            "PATCH",
            "/Users/" + id,
            "{\"Operations\":[{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}]}"),
        400,
        "mutability");
    assertError(
        server.scim(
            "PATCH", "/Users/" + id, "{\"Operations\":[{\"op\":\"jump\",\"path\":\"title\"}]}"),
        400,
        null);
    assertError(
        server.scim(
            "PATCH",
            "/Users/" + id,
            "{\"Operations\":[{\"op\":\"replace\",\"path\":\"emails[type eq\",\"value\":\"x\"}]}"),
        400,
        null);
    assertError(server.scim("PATCH", "/Users/" + id, "{\"Operations\":[]}"), 400, "invalidSyntax");
    assertError(server.scim("GET", "/Users?sortBy=nosuch", null), 400, "invalidValue");
    assertError(server.scim("GET", "/Users?count=many", null), 400, "invalidValue");
    assertError(server.scim("GET", "/Users/no-such-id", null), 404, null);
    assertError(server.scim("POST", "/Groups", "{}"), 400, "invalidValue");
  }

  private static void assertError(HttpResponse<String> response, int status, String scimType)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode error = json(response);
    assertThat(error.get("schemas").get(0).asText())
        .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
    assertThat(error.get("status").asText()).isEqualTo(Integer.toString(status));
    if (scimType != null) {
      assertThat(error.get("scimType").asText()).as(response.body()).isEqualTo(scimType);
    }
  }

  @Test
  void bulkResolvesBulkIdsAndStopsOnErrors() throws Exception {
    String userName = unique("bulk");
    String bulk =
        """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"failOnErrors":1,
         "Operations":[
           {"method":"POST","path":"/Users","bulkId":"b1","data":{"userName":"%s","name":{"givenName":"Bo","familyName":"Bulk"}}},
           {"method":"PATCH","path":"/Users/bulkId:b1","data":{"Operations":[{"op":"add","path":"title","value":"Bulk Lead"}]}},
           {"method":"POST","path":"/Users","bulkId":"b2","data":{"userName":"%s"}},
           {"method":"DELETE","path":"/Users/bulkId:b1"}]}
        """
            .formatted(userName, userName);
    HttpResponse<String> response = server.scim("POST", "/Bulk", bulk);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode operations = json(response).get("Operations");
    assertThat(operations.size()).isEqualTo(3);
    assertThat(operations.get(0).get("status").asText()).isEqualTo("201");
    assertThat(operations.get(1).get("status").asText()).isEqualTo("200");
    assertThat(operations.get(2).get("status").asText()).isEqualTo("409");
    String location = operations.get(1).get("location").asText();
    assertThat(json(server.scim("GET", location, null)).get("title").asText())
        .isEqualTo("Bulk Lead");

    StringBuilder tooMany = new StringBuilder("{\"Operations\":[");
    for (int index = 0; index <= ScimBulk.MAX_OPERATIONS; index++) {
      tooMany.append(index == 0 ? "" : ",").append("{\"method\":\"DELETE\",\"path\":\"/Users/x\"}");
    }
    assertThat(server.scim("POST", "/Bulk", tooMany.append("]}").toString()).statusCode())
        .isEqualTo(413);
  }

  @Test
  void discoveryTellsWhatIsSupported() throws Exception {
    JsonNode config = json(server.scim("GET", "/ServiceProviderConfig", null));
    assertThat(config.get("patch").get("supported").asBoolean()).isTrue();
    assertThat(config.get("bulk").get("maxOperations").asInt()).isEqualTo(ScimBulk.MAX_OPERATIONS);
    assertThat(config.get("changePassword").get("supported").asBoolean()).isFalse();
    assertThat(config.get("etag").get("supported").asBoolean()).isTrue();
    JsonNode types = json(server.scim("GET", "/ResourceTypes", null));
    assertThat(types.get("totalResults").asInt()).isEqualTo(2);
    JsonNode schemas = json(server.scim("GET", "/Schemas", null));
    assertThat(schemas.get("totalResults").asInt()).isEqualTo(3);
    assertThat(
            server
                .scim("GET", "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User", null)
                .statusCode())
        .isEqualTo(200);
    JsonNode groups =
        json(
            server.scim("GET", "/Groups?filter=" + encode("displayName eq \"engineering\""), null));
    assertThat(groups.get("totalResults").asInt()).isEqualTo(1);
    assertThat(groups.get("Resources").get(0).get("displayName").asText()).isEqualTo("engineering");
    JsonNode groupSchema =
        json(server.scim("GET", "/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group", null));
    assertThat(groupSchema.get("attributes"))
        .extracting(attribute -> attribute.get("name").asText())
        .containsExactly("displayName", "externalId", "members");
  }
}
