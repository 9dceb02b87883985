package io.tenure.scim.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.engine.access.ApiTokens;
import io.tenure.engine.access.TokenScope;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.audit.AuditRecord;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.ingest.IdentityImporter;
import io.tenure.scim.server.store.FilterSql;
import io.tenure.scim.server.store.UserSql;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

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
  void scimRequestsAreLookedUpAmongTheScimEndpointsAloneAndStillReachThem() throws Exception {
    RequestMappingHandlerMapping application =
        server.context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
    assertThat(application).isInstanceOf(ScimHandlerMapping.class);
    ScimHandlerMapping endpoints = ((ScimHandlerMapping) application).endpoints();
    assertThat(endpoints).isNotNull();
    assertThat(application.getHandlerMethods().values())
        .isNotEmpty()
        .noneMatch(method -> ScimHandlerMapping.isScimEndpoint(method.getBeanType()));
    assertThat(endpoints.getHandlerMethods().values())
        .allMatch(method -> ScimHandlerMapping.isScimEndpoint(method.getBeanType()))
        .anyMatch(method -> method.getBeanType() == ScimController.class)
        .anyMatch(method -> method.getBeanType() == UnknownScimRequests.class);

    JsonNode created = create(user(unique("mapped"), "Map", "Ped", "Sales"));
    HttpResponse<String> read = server.scim("GET", "/Users/" + created.get("id").asText(), null);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(json(read).get("id").asText()).isEqualTo(created.get("id").asText());
    HttpResponse<String> unknown = server.scim("GET", "/Nothing", null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get("schemas").get(0).asText())
        .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
    assertThat(server.scim("DELETE", "/Users", null).statusCode()).isEqualTo(405);
    // the rest of the application is looked up as before
    assertThat(
            server
                .send(
                    "GET",
                    server.root() + "/api/v1/people/" + created.get("id").asText(),
                    null,
                    server.adminToken)
                .statusCode())
        .isEqualTo(200);
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
    ApiTokens.CreatedToken created = tokens.create(TokenScope.SCIM, "short-lived", "test");
    assertThat(server.send("GET", "/Users?count=1", null, created.secret()).statusCode())
        .isEqualTo(200);
    assertThat(tokens.revoke(created.token().id(), "test")).isTrue();
    assertThat(server.send("GET", "/Users?count=1", null, created.secret()).statusCode())
        .isEqualTo(401);
    assertThat(tokens.list())
        .anyMatch(token -> token.name().equals("short-lived") && token.revoked());
  }

  @Test
  void concurrentCreatesAreAllAuditedInOneChainThatVerifiesAndADuplicateIsStill409()
      throws Exception {
    String prefix = unique("many");
    int clients = 8;
    int each = 5;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(clients);
    List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
    try {
      for (int client = 0; client < clients; client++) {
        for (int index = 0; index < each; index++) {
          String userName = prefix + "-" + client + "-" + index;
          answers.add(
              pool.submit(
                  () ->
                      server
                          .scim("POST", "/Users", user(userName, "Many", userName, "Sales"))
                          .statusCode()));
        }
      }
      for (java.util.concurrent.Future<Integer> answer : answers) {
        assertThat(answer.get()).isEqualTo(201);
      }
    } finally {
      pool.shutdown();
    }
    assertError(
        server.scim("POST", "/Users", user(prefix + "-0-0", "Again", "Twice", "Sales")),
        409,
        "uniqueness");
    // the server chains in the background: without any reader, the inbox empties by itself
    DataSource store = server.context.getBean(DataSource.class);
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (count(store, "select count(*) from audit_inbox") > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(count(store, "select count(*) from audit_inbox"))
        .as("every committed event chained by the server's chainer")
        .isZero();
    assertThat(
            count(
                store,
                "select count(*) from audit_events where action = 'identity.joiner'"
                    + " and details ->> 'userName' like '"
                    + prefix
                    + "-%'"))
        .as("one joiner event per create, each chained once")
        .isEqualTo((long) clients * each);
    io.tenure.engine.audit.AuditVerification verification =
        server.context.getBean(AuditLog.class).verify();
    assertThat(verification.problems()).isEmpty();
    assertThat(verification.intact()).isTrue();
  }

  @Test
  void concurrentCreatesOfOneUserNameKeepOneUserAndAnswerTheOthers409() throws Exception {
    String userName = unique("same");
    int clients = 8;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(clients);
    List<java.util.concurrent.Future<HttpResponse<String>>> answers = new ArrayList<>();
    try {
      for (int client = 0; client < clients; client++) {
        // another person each time (externalId, e-mail, employeeNumber): only the userName is one
        String other = userName + "-" + client;
        String body =
            user(other, "Same", "Name", "Sales")
                .replace("\"" + other + "\"", "\"" + userName + "\"");
        answers.add(pool.submit(() -> server.scim("POST", "/Users", body)));
      }
      int created = 0;
      for (java.util.concurrent.Future<HttpResponse<String>> answer : answers) {
        HttpResponse<String> response = answer.get();
        if (response.statusCode() == 201) {
          created++;
        } else {
          assertError(response, 409, "uniqueness");
        }
      }
      assertThat(created).isEqualTo(1);
    } finally {
      pool.shutdown();
    }
    assertThat(
            count(
                server.context.getBean(DataSource.class),
                "select count(*) from identities where attributes ->> 'userName' = '"
                    + userName
                    + "'"))
        .isEqualTo(1);
  }

  @Test
  void aUserNameHeldByAnOpenWriteWaitsForItsCommitAndIsThen409() throws Exception {
    String holderId = create(user(unique("holder"), "Hold", "Er", "Sales")).get("id").asText();
    String contested = unique("contested");
    DataSource store = server.context.getBean(DataSource.class);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    try (Connection other = store.getConnection()) {
      other.setAutoCommit(false);
      try (PreparedStatement hold =
          other.prepareStatement(
              "update scim_user_names set user_name = lower(?) where identity_id = ?")) {
        hold.setString(1, contested);
        hold.setString(2, holderId);
        assertThat(hold.executeUpdate()).as("the holder's userName is kept").isEqualTo(1);
      }
      java.util.concurrent.Future<HttpResponse<String>> answer =
          pool.submit(
              () -> server.scim("POST", "/Users", user(contested, "Late", "Comer", "Sales")));
      Thread.sleep(1_000);
      assertThat(answer.isDone()).as("the create waits for the other write's commit").isFalse();
      other.commit();
      assertError(answer.get(30, java.util.concurrent.TimeUnit.SECONDS), 409, "uniqueness");
    } finally {
      pool.shutdown();
    }
    assertThat(
            count(
                store,
                "select count(*) from identities where attributes ->> 'userName' = '"
                    + contested
                    + "'"))
        .as("the refused create kept nothing")
        .isZero();
  }

  private static long count(DataSource store, String sql) throws Exception {
    try (Connection connection = store.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
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
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
         "Operations":[{"op":"replace","value":{"title":"Lead","displayName":"Eve T."}}]}
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
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}]}"),
        400,
        "mutability");
    assertError(
        server.scim(
            "PATCH",
            "/Users/" + id,
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"jump\",\"path\":\"title\"}]}"),
        400,
        null);
    assertError(
        server.scim(
            "PATCH",
            "/Users/" + id,
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"emails[type eq\",\"value\":\"x\"}]}"),
        400,
        null);
    assertError(
        server.scim(
            "PATCH",
            "/Users/" + id,
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[]}"),
        400,
        "invalidSyntax");
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
           {"method":"PATCH","path":"/Users/bulkId:b1","data":{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"title","value":"Bulk Lead"}]}},
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

  private static final String ENTERPRISE =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  /** A User with every kind of core and enterprise attribute, and a password. */
  private static String fullUser(String userName, String country, String phone) {
    return """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
         "userName":"%1$s","externalId":"ext-%1$s",
         "name":{"givenName":"Grace","familyName":"Hopper-%1$s","middleName":"Brewster",
                 "honorificPrefix":"Rear Admiral","formatted":"Grace B. Hopper"},
         "displayName":"Grace Hopper","nickName":"Amazing Grace",
         "profileUrl":"https://example.com/%1$s","title":"Admiral","userType":"employee",
         "preferredLanguage":"en-US","locale":"en-US","timezone":"America/New_York",
         "active":true,"password":"Secret-Pa55word-%1$s",
         "emails":[{"value":"%1$s@work.example","type":"work","primary":true},
                   {"value":"%1$s@home.example","type":"home"}],
         "phoneNumbers":[{"value":"%3$s","type":"work","primary":true},
                         {"value":"+1 555 0100","type":"fax"}],
         "ims":[{"value":"%1$s@xmpp.example","type":"xmpp"}],
         "photos":[{"value":"https://example.com/%1$s.jpg","type":"photo"}],
         "addresses":[{"type":"work","streetAddress":"1 Navy Way","locality":"Arlington",
                       "region":"VA","postalCode":"22202","country":"%2$s","primary":true},
                      {"type":"home","locality":"New York","country":"US"}],
         "entitlements":[{"value":"fleet"}],"roles":[{"value":"admiral","primary":true}],
         "x509Certificates":[{"value":"TUlJQ2Vq"}],
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
           {"employeeNumber":"N-%1$s","costCenter":"CC-7","organization":"US Navy",
            "division":"Computing","department":"Engineering",
            "manager":{"value":"boss-%1$s","$ref":"https://example.com/Users/boss-%1$s"}}}
        """
        .formatted(userName, country, phone);
  }

  private String storedResource(String id) throws Exception {
    try (var connection = server.context.getBean(DataSource.class).getConnection();
        var statement =
            connection.prepareStatement(
                "select resource::text from scim_users where identity_id = ?")) {
      statement.setString(1, id);
      try (var rows = statement.executeQuery()) {
        assertThat(rows.next()).as("a stored resource for " + id).isTrue();
        return rows.getString(1);
      }
    }
  }

  @Test
  void everyCoreAndEnterpriseAttributeRoundTripsButThePassword() throws Exception {
    String userName = unique("grace");
    JsonNode created = create(fullUser(userName, "DE", "+49 30 1234"));
    String id = created.get("id").asText();
    JsonNode sent = JsonUtils.getObjectReader().readTree(fullUser(userName, "DE", "+49 30 1234"));
    for (String attribute :
        List.of(
            "externalId",
            "name",
            "displayName",
            "nickName",
            "profileUrl",
            "title",
            "userType",
            "preferredLanguage",
            "locale",
            "timezone",
            "emails",
            "phoneNumbers",
            "ims",
            "photos",
            "addresses",
            "entitlements",
            "roles",
            "x509Certificates",
            ENTERPRISE)) {
      assertThat(created.get(attribute)).as(attribute).isEqualTo(sent.get(attribute));
    }
    assertThat(created.has("password")).isFalse();
    assertThat(created.get("meta").get("created").asText()).isNotBlank();
    JsonNode fetched = json(server.scim("GET", "/Users/" + id, null));
    assertThat(fetched).isEqualTo(created);
    String stored = storedResource(id);
    assertThat(stored).doesNotContain("Secret-Pa55word").doesNotContainIgnoringCase("password");
    assertThat(identityAttributes(id))
        .containsEntry("email", userName + "@work.example")
        .containsEntry("managerId", "boss-" + userName)
        // scim.mapping in the test server's tenure.yaml
        .containsEntry("costCenter", "CC-7")
        .containsEntry("workPhone", "+49 30 1234")
        .doesNotContainKey("password");
    // the mapped attributes still drive the identity, as before
    assertThat(
            json(server.scim("GET", "/Users?filter=" + encode("id eq \"" + id + "\""), null))
                .get("totalResults")
                .asInt())
        .isEqualTo(1);

    // PUT: created stays, lastModified and version move, everything else is replaced
    String createdAt = created.get("meta").get("created").asText();
    HttpResponse<String> replaced =
        server.scim("PUT", "/Users/" + id, fullUser(userName, "FR", "+33 1 2345"));
    assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
    JsonNode afterPut = json(replaced);
    assertThat(afterPut.get("meta").get("created").asText()).isEqualTo(createdAt);
    assertThat(afterPut.get("meta").get("version").asText())
        .isNotEqualTo(created.get("meta").get("version").asText());
    assertThat(afterPut.get("meta").get("lastModified").asText())
        .isGreaterThanOrEqualTo(created.get("meta").get("lastModified").asText());
    assertThat(afterPut.get("addresses").get(0).get("country").asText()).isEqualTo("FR");
    assertThat(afterPut.get("phoneNumbers").get(0).get("value").asText()).isEqualTo("+33 1 2345");
    assertThat(afterPut.has("password")).isFalse();
    assertThat(identityAttributes(id)).containsEntry("workPhone", "+33 1 2345");

    // PATCH: add to a multi-valued attribute, remove by value filter, replace a sub-attribute
    HttpResponse<String> patched =
        server.scim(
            "PATCH",
            "/Users/" + id,
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[
               {"op":"add","path":"phoneNumbers","value":[{"value":"+1 555 0199","type":"mobile"}]},
               {"op":"remove","path":"phoneNumbers[type eq \\"fax\\"]"},
               {"op":"replace","path":"addresses[type eq \\"work\\"].locality","value":"Paris"},
               {"op":"add","path":"ims","value":[{"value":"grace","type":"skype"}]},
               {"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter","value":"CC-9"}]}
            """);
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    JsonNode afterPatch = json(patched);
    assertThat(texts(afterPatch.get("phoneNumbers"), "type")).containsExactly("work", "mobile");
    assertThat(afterPatch.get("addresses").get(0).get("locality").asText()).isEqualTo("Paris");
    assertThat(afterPatch.get("addresses").get(1).get("locality").asText()).isEqualTo("New York");
    assertThat(afterPatch.get("ims").size()).isEqualTo(2);
    assertThat(afterPatch.get(ENTERPRISE).get("costCenter").asText()).isEqualTo("CC-9");
    assertThat(afterPatch.get(ENTERPRISE).get("manager").get("$ref").asText())
        .isEqualTo("https://example.com/Users/boss-" + userName);
    assertThat(afterPatch.get("meta").get("created").asText()).isEqualTo(createdAt);
    assertThat(json(server.scim("GET", "/Users/" + id, null))).isEqualTo(afterPatch);
    assertThat(storedResource(id)).contains("Paris").doesNotContain("+1 555 0100");

    // projection reaches the sub-attributes of multi-valued attributes
    JsonNode projected =
        json(server.scim("GET", "/Users/" + id + "?attributes=phoneNumbers.value,userName", null));
    assertThat(projected.get("phoneNumbers").get(1).toString())
        .isEqualTo("{\"value\":\"+1 555 0199\"}");
    assertThat(projected.has("addresses")).isFalse();
    JsonNode excluded =
        json(server.scim("GET", "/Users/" + id + "?excludedAttributes=addresses.locality", null));
    assertThat(texts(excluded.get("addresses"), "locality")).containsOnly("");
    assertThat(texts(excluded.get("addresses"), "country")).containsExactly("FR", "US");

    // an unchanged PUT keeps the version (no change, no new version)
    String version = afterPatch.get("meta").get("version").asText();
    HttpResponse<String> same = server.scim("PUT", "/Users/" + id, withoutMeta(afterPatch));
    assertThat(json(same).get("meta").get("version").asText()).isEqualTo(version);

    // wrong types and unknown attributes are refused
    assertError(
        server.scim(
            "POST", "/Users", "{\"userName\":\"t-" + userName + "\",\"phoneNumbers\":\"123\"}"),
        400,
        "invalidValue");
    assertError(
        server.scim(
            "POST",
            "/Users",
            "{\"userName\":\"t-" + userName + "\",\"addresses\":[{\"planet\":\"Mars\"}]}"),
        400,
        "invalidSyntax");
    assertError(
        server.scim(
            "POST",
            "/Users",
            "{\"userName\":\"t-"
                + userName
                + "\",\"emails\":[{\"value\":\"a@b\",\"primary\":\"often\"}]}"),
        400,
        "invalidValue");
    assertError(
        server.scim(
            "POST",
            "/Users",
            "{\"userName\":\"t-" + userName + "\",\"" + ENTERPRISE + "\":{\"costCentre\":\"x\"}}"),
        400,
        "invalidSyntax");
  }

  @Test
  void patchPathsIgnoreTheCaseOfAttributeNames() throws Exception {
    String userName = unique("case");
    String id = create(fullUser(userName, "DE", "+49 30 4242")).get("id").asText();
    HttpResponse<String> patched =
        server.scim(
            "PATCH",
            "/Users/" + id,
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[
               {"op":"replace","path":"NICKNAME","value":"Gracie"},
               {"op":"replace","path":"phonenumbers[TYPE eq \\"work\\"].VALUE","value":"+49 30 4343"}]}
            """);
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    JsonNode body = json(patched);
    assertThat(body.get("nickName").asText()).isEqualTo("Gracie");
    List<String> names = new ArrayList<>();
    body.fieldNames().forEachRemaining(names::add);
    assertThat(names).contains("nickName").doesNotContain("NICKNAME");
    assertThat(body.get("phoneNumbers").get(0).get("value").asText()).isEqualTo("+49 30 4343");
  }

  /** Imports one HR row through the demo's {@code hr} source; returns the identity's id. */
  private String importFromHr(String employeeId, String department) throws Exception {
    java.nio.file.Path file = server.folder.resolve("hr-" + employeeId + ".csv");
    java.nio.file.Files.writeString(
        file,
        "employee_id,first_name,last_name,email,department,title,manager_id,location,"
            + "employment_type,status,hire_date,termination_date\n"
            + employeeId
            + ",Anna,Martin,"
            + employeeId.toLowerCase(java.util.Locale.ROOT)
            + "@example.com,"
            + department
            + ",Account Manager,,Paris,employee,active,2020-01-06,\n");
    TenureConfiguration configuration = server.context.getBean(TenureConfiguration.class);
    server
        .context
        .getBean(IdentityImporter.class)
        .importSource(configuration.source("hr").orElseThrow().withFile(file));
    return server
        .context
        .getBean(IdentityRepository.class)
        .findByAttribute("employeeId", employeeId)
        .get(0)
        .value();
  }

  private HttpResponse<String> patch(String id, String operations) throws Exception {
    return server.scim(
        "PATCH",
        "/Users/" + id,
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
            + "\"Operations\":["
            + operations
            + "]}");
  }

  @Test
  void aScimClientCannotRewriteWhatHrDecidesForAPerson() throws Exception {
    String anna = unique("E").replace("-", "");
    String bob = unique("E").replace("-", "");
    String annaId = importFromHr(anna, "Sales");
    importFromHr(bob, "Sales");
    Map<String, String> before = identityAttributes(annaId);

    HttpResponse<String> key =
        patch(
            annaId,
            "{\"op\":\"replace\",\"path\":\""
                + ENTERPRISE
                + ":employeeNumber\",\"value\":\""
                + bob
                + "\"}");
    assertError(key, 403, null);
    assertThat(json(key).get("detail").asText())
        .contains("employeeId is a correlation key of source hr for this person");

    HttpResponse<String> department =
        patch(
            annaId,
            "{\"op\":\"replace\",\"path\":\""
                + ENTERPRISE
                + ":department\",\"value\":\"Engineering\"}");
    assertError(department, 403, null);
    assertThat(json(department).get("detail").asText())
        .contains("department is given by source hr for this person (authority: hr, scim)");

    HttpResponse<String> leaver =
        patch(annaId, "{\"op\":\"replace\",\"path\":\"active\",\"value\":false}");
    assertError(leaver, 403, null);
    assertThat(json(leaver).get("detail").asText()).contains("lifecycle is given by source hr");

    assertThat(identityAttributes(annaId)).isEqualTo(before);
    Identity anna1 =
        server.context.getBean(IdentityRepository.class).find(new IdentityId(annaId)).orElseThrow();
    assertThat(anna1.state()).isEqualTo(io.tenure.core.identity.LifecycleState.ACTIVE);
    List<io.tenure.engine.audit.AuditRecord> refused =
        server
            .context
            .getBean(io.tenure.engine.audit.AuditLog.class)
            .recent("identity " + annaId, 200)
            .stream()
            .filter(record -> record.event().action().equals("scim.push-refused"))
            .toList();
    assertThat(refused).hasSize(3);

    HttpResponse<String> costCenter =
        patch(
            annaId,
            "{\"op\":\"add\",\"path\":\"" + ENTERPRISE + ":costCenter\",\"value\":\"CC-42\"}");
    assertThat(costCenter.statusCode()).as(costCenter.body()).isEqualTo(200);
    assertThat(identityAttributes(annaId)).containsEntry("costCenter", "CC-42");
  }

  @Test
  void theIdentityStaysTheTruthForMappedAttributesChangedByAnotherSource() throws Exception {
    String userName = unique("hr");
    String id = create(fullUser(userName, "DE", "+49 30 9999")).get("id").asText();
    IdentityRepository identities = server.context.getBean(IdentityRepository.class);
    Identity before = identities.find(new IdentityId(id)).orElseThrow();
    Map<String, String> attributes = new TreeMap<>(before.attributes());
    attributes.put("title", "Commodore");
    attributes.put("email", "moved-" + userName + "@work.example");
    attributes.remove("department");
    identities.save(before.withAttributes(attributes));

    JsonNode user = json(server.scim("GET", "/Users/" + id, null));
    assertThat(user.get("title").asText()).isEqualTo("Commodore");
    assertThat(texts(user.get("emails"), "value"))
        .containsExactly("moved-" + userName + "@work.example", userName + "@home.example");
    assertThat(user.get(ENTERPRISE).has("department")).isFalse();
    assertThat(user.get(ENTERPRISE).get("costCenter").asText()).isEqualTo("CC-7");
    assertThat(user.get("phoneNumbers").get(0).get("value").asText()).isEqualTo("+49 30 9999");
    assertThat(ids("title eq \"commodore\" and userName eq \"" + userName + "\""))
        .containsExactly(id);
  }

  private Map<String, String> identityAttributes(String id) {
    return server
        .context
        .getBean(IdentityRepository.class)
        .find(new IdentityId(id))
        .orElseThrow()
        .attributes();
  }

  /** A served User as a PUT body: without meta. */
  private static String withoutMeta(JsonNode user) {
    ObjectNode copy = user.deepCopy();
    copy.remove("meta");
    return copy.toString();
  }

  @Test
  void filtersAndSortingReachEveryAttribute() throws Exception {
    String team = unique("fleet");
    String berlin = create(fullUser(team + "-berlin", "DE", "+49 30 1111")).get("id").asText();
    String paris = create(fullUser(team + "-paris", "FR", "+33 1 2222")).get("id").asText();
    String only = "userName sw \"" + team + "\" and ";
    assertThat(ids(only + "phoneNumbers.value eq \"+49 30 1111\"")).containsExactly(berlin);
    assertThat(ids(only + "addresses[country eq \"de\"]")).containsExactly(berlin);
    assertThat(ids(only + "addresses[type eq \"work\" and country eq \"FR\"]"))
        .containsExactly(paris);
    // the home address of both is in the US, but not their work one
    assertThat(ids(only + "addresses[type eq \"work\" and country eq \"US\"]")).isEmpty();
    assertThat(ids(only + "emails[type eq \"home\" and value co \"-paris@\"]"))
        .containsExactly(paris);
    assertThat(ids("emails.value eq \"" + team.toUpperCase() + "-BERLIN@home.example\""))
        .containsExactly(berlin);
    assertThat(ids("emails eq \"" + team + "-paris@work.example\"")).containsExactly(paris);
    assertThat(ids("userName eq \"" + team.toUpperCase() + "-PARIS\"")).containsExactly(paris);
    assertThat(ids("id eq \"" + paris.toUpperCase() + "\"")).isEmpty();
    assertThat(ids(only + ENTERPRISE + ":costCenter eq \"cc-7\"")).hasSize(2);
    assertThat(ids(only + ENTERPRISE + ":manager.value eq \"boss-" + team + "-paris\""))
        .containsExactly(paris);
    assertThat(ids(only + ENTERPRISE + ":department eq \"engineering\"")).hasSize(2);
    assertThat(ids(only + "meta.created gt \"2000-01-01T00:00:00Z\" and nickName pr")).hasSize(2);
    assertThat(ids(only + "meta.created lt \"2000-01-01T00:00:00Z\"")).isEmpty();
    assertThat(ids(only + "phoneNumbers.type ne \"fax\"")).isEmpty();
    assertThat(ids(only + "ims pr and x509Certificates pr and photos.value sw \"https://\""))
        .hasSize(2);
    assertThat(ids(only + "name.middleName eq \"brewster\" and TIMEZONE eq \"america/new_york\""))
        .hasSize(2);

    JsonNode sorted =
        json(
            server.scim(
                "GET",
                "/Users?filter="
                    + encode("userName sw \"" + team + "\"")
                    + "&sortBy=addresses.country&sortOrder=descending",
                null));
    assertThat(sorted.get("Resources").get(0).get("id").asText()).isEqualTo(paris);
    JsonNode byFamily =
        json(
            server.scim(
                "GET",
                "/Users?filter="
                    + encode("userName sw \"" + team + "\"")
                    + "&sortBy=name.familyName",
                null));
    assertThat(byFamily.get("Resources").get(0).get("id").asText()).isEqualTo(berlin);

    for (String bad :
        List.of(
            "password eq \"x\"",
            "addresses eq \"DE\"",
            "addresses[planet eq \"Mars\"]",
            "phoneNumbers.primary gt true",
            "meta.created gt \"last week\"")) {
      assertError(server.scim("GET", "/Users?filter=" + encode(bad), null), 400, "invalidFilter");
    }
    assertError(server.scim("GET", "/Users?sortBy=addresses", null), 400, "invalidValue");
  }

  private static List<String> texts(@Nullable JsonNode array, String field) {
    List<String> texts = new ArrayList<>();
    if (array != null) {
      array.forEach(element -> texts.add(element.path(field).asText()));
    }
    return texts;
  }

  private List<String> ids(String filter) throws Exception {
    HttpResponse<String> response = server.scim("GET", "/Users?filter=" + encode(filter), null);
    assertThat(response.statusCode()).as(filter + ": " + response.body()).isEqualTo(200);
    return texts(json(response).get("Resources"), "id");
  }

  @Test
  void equalityLookupsUseIndexesAtAHundredThousandUsers() throws Exception {
    try (Connection connection = server.context.getBean(DataSource.class).getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute(
            "insert into identities (id, state, attributes, employment_status, updated_at)"
                + " select 'load-' || n, 'ACTIVE', jsonb_build_object('userName', 'load.user' || n,"
                + " 'externalId', 'load-ext-' || n, 'email', 'load' || n || '@work.example'),"
                + " 'ACTIVE', now() from generate_series(1, 100000) n");
        statement.execute(
            "insert into scim_users (identity_id, resource, created_at, updated_at)"
                + " select 'load-' || n, jsonb_build_object('emails', jsonb_build_array("
                + "jsonb_build_object('value', 'load' || n || '@home.example'))), now(), now()"
                + " from generate_series(1, 100000) n");
        statement.execute("analyze identities");
        statement.execute("analyze scim_users");
        assertThat(plan(connection, "userName eq \"LOAD.user77\""))
            .contains("identities_scim_user_name");
        assertThat(plan(connection, "externalId eq \"load-ext-77\""))
            .contains("identities_external_id");
        assertThat(plan(connection, "emails.value eq \"load77@HOME.example\""))
            .contains("scim_users_email_values")
            .contains("identities_email");
      } finally {
        connection.rollback();
      }
    }
  }

  /** The plan of a search's count query with the filter. */
  private static String plan(Connection connection, String filter) throws Exception {
    FilterSql condition = FilterSql.of(filter);
    try (PreparedStatement explain =
        connection.prepareStatement(
            "explain select count(*)" + UserSql.FROM + UserSql.where(condition))) {
      for (int index = 0; index < condition.parameters().size(); index++) {
        explain.setObject(index + 1, condition.parameters().get(index));
      }
      StringBuilder plan = new StringBuilder();
      try (ResultSet rows = explain.executeQuery()) {
        while (rows.next()) {
          plan.append(rows.getString(1)).append('\n');
        }
      }
      return plan.toString();
    }
  }
}
