package io.tenure.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.engine.access.AccessRole;
import io.tenure.engine.access.LocalUsers;
import io.tenure.server.BearerRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API's answers on the demo after its initial load: people a page at a time, a person's
 * whole picture, audit search, RFC 9457 problems, security headers, protected metrics, and a
 * disabled user's session ending.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiV1IT {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private ConsoleServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() throws Exception {
    server = new ConsoleServer("api-v1", null);
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private HttpResponse<String> send(
      String method, String path, @Nullable String body, AccessRole role) throws Exception {
    return http.send(
        BearerRequests.request(
                URI.create(server.root + path),
                method,
                body,
                "application/json",
                server.tokens.get(role))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode json(String path, AccessRole role) throws Exception {
    HttpResponse<String> response = send("GET", path, null, role);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return MAPPER.readTree(response.body());
  }

  @Test
  void peopleComeAPageAtATimeUntilTheCursorRunsOut() throws Exception {
    List<String> names = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          json(
              "/api/v1/people?q=engineer&limit=7" + (cursor == null ? "" : "&cursor=" + cursor),
              AccessRole.OPERATOR);
      page.get("people").forEach(person -> names.add(person.get("name").asString()));
      cursor = page.get("next").isNull() ? null : page.get("next").asString();
      pages++;
    } while (cursor != null && pages < 100);
    JsonNode all = json("/api/v1/people?limit=1000", AccessRole.AUDITOR);
    assertThat(all.get("people").size()).isEqualTo(200);
    assertThat(all.get("next").isNull()).isTrue();
    JsonNode byEmployeeId = json("/api/v1/people?q=E1002", AccessRole.OPERATOR);
    assertThat(byEmployeeId.get("people").get(0).get("name").asString()).isEqualTo("Bob Nguyen");
    assertThat(byEmployeeId.get("people").get(0).get("usernames").get("directory").asString())
        .isEqualTo("bnguyen");
    assertThat(json("/api/v1/people?q=bnguyen", AccessRole.OPERATOR).get("people").size())
        .isEqualTo(1);
    HttpResponse<String> badCursor =
        send("GET", "/api/v1/people?cursor=***", null, AccessRole.ADMIN);
    assertThat(badCursor.statusCode()).isEqualTo(400);
    assertThat(badCursor.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(MAPPER.readTree(badCursor.body()).get("status").asInt()).isEqualTo(400);
  }

  @Test
  void aPersonHasAttributesLifecycleRolesWithOriginAccountsWithReasonsAndHistory()
      throws Exception {
    String id = server.person("E1002").value();
    JsonNode bob = json("/api/v1/people/" + id, AccessRole.OPERATOR);
    assertThat(bob.get("name").asString()).isEqualTo("Bob Nguyen");
    assertThat(bob.get("state").asString()).isEqualTo("ACTIVE");
    assertThat(bob.get("attributes").get("department").asString()).isEqualTo("Engineering");
    assertThat(bob.get("manager").isNull()).isFalse();
    assertThat(bob.get("roles").toString())
        .contains("\"name\":\"engineering\"", "rule engineering-birthright");
    JsonNode account = bob.get("accounts").get(0);
    assertThat(account.get("target").asString()).isEqualTo("directory");
    assertThat(account.get("username").asString()).isEqualTo("bnguyen");
    assertThat(account.get("state").asString()).isEqualTo("ENABLED");
    assertThat(account.get("entitlements").toString())
        .contains("\"name\":\"vpn\",\"held\":true,\"granted\":true")
        .contains("role engineering");
    assertThat(bob.get("history").toString()).contains("identity.joiner", "Bob Nguyen");

    // a person sees themselves, and nobody else
    JsonNode me = json("/api/v1/me", AccessRole.SELF);
    assertThat(me.get("person").get("name").asString()).isEqualTo("Alice Martin");
    assertThat(me.get("roles").toString()).contains("self");
    assertThat(send("GET", "/api/v1/people/" + id, null, AccessRole.SELF).statusCode())
        .isEqualTo(404);
    assertThat(json("/api/v1/me", AccessRole.APPROVER).get("roles").toString())
        .contains("approver");
  }

  @Test
  void theAuditTrailIsSearchedByPersonActorActionAndPeriod() throws Exception {
    String id = server.person("E1002").value();
    JsonNode aboutBob = json("/api/v1/audit?person=" + id + "&limit=100", AccessRole.AUDITOR);
    assertThat(aboutBob.get("events").size()).isGreaterThan(1);
    aboutBob
        .get("events")
        .forEach(
            event ->
                assertThat(event.get("subject").asString() + event.get("details"))
                    .contains(id.substring(0, 8)));
    JsonNode joiners =
        json("/api/v1/audit?action=identity.joiner&actor=hr-import&limit=1000", AccessRole.AUDITOR);
    assertThat(joiners.get("events").size()).isEqualTo(200);
    assertThat(json("/api/v1/audit?from=2099-01-01", AccessRole.AUDITOR).get("events").size())
        .isZero();
    assertThat(send("GET", "/api/v1/audit?from=yesterday", null, AccessRole.AUDITOR).statusCode())
        .isEqualTo(400);
  }

  @Test
  void answersCarryTheSecurityHeadersAndMetricsNeedAReader() throws Exception {
    HttpResponse<String> answer = send("GET", "/api/v1/roles", null, AccessRole.ADMIN);
    assertThat(answer.headers().firstValue("Content-Security-Policy").orElse(""))
        .contains("frame-ancestors 'none'", "script-src 'self'")
        .doesNotContain("unsafe-inline");
    assertThat(answer.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(send("GET", "/actuator/prometheus", null, AccessRole.AUDITOR).statusCode())
        .isEqualTo(200);
    assertThat(send("GET", "/actuator/prometheus", null, AccessRole.OPERATOR).statusCode())
        .isEqualTo(403);
    assertThat(
            http.send(
                    java.net.http.HttpRequest.newBuilder(
                            URI.create(server.root + "/actuator/prometheus"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(401);
    assertThat(server.context.getEnvironment().getProperty("server.servlet.session.timeout"))
        .isEqualTo("30m");
  }

  @Test
  void metricsCountRequestsButTheSecurityFiltersAreNotObserved() throws Exception {
    assertThat(send("GET", "/api/v1/roles", null, AccessRole.ADMIN).statusCode()).isEqualTo(200);
    String metrics = send("GET", "/actuator/prometheus", null, AccessRole.AUDITOR).body();
    assertThat(metrics)
        .as("the requests' own metric is kept")
        .contains("http_server_requests_seconds_count")
        .as("no observation of each security filter, authentication and authorization")
        .doesNotContain("spring_security_");
  }

  @Test
  void aDisabledUsersSessionEndsAtItsNextRequest() throws Exception {
    LocalUsers users = server.context.getBean(LocalUsers.class);
    users.create(
        "leaving", "", java.util.EnumSet.of(AccessRole.AUDITOR), null, server.userPassword, "test");
    ConsoleSession session = new ConsoleSession(server.root);
    session.logIn("leaving", server.userPassword);
    assertThat(session.get("/findings").statusCode()).isEqualTo(200);
    users.disable("leaving", "test");
    assertThat(session.get("/findings").statusCode()).isEqualTo(403);
    assertThat(session.get("/").statusCode()).isEqualTo(302);
  }
}
