package io.tenure.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.cli.TenureLaunch;
import io.tenure.configuration.YamlConfigurationLoader;
import io.tenure.connector.ldap.InMemoryDirectory;
import io.tenure.core.plan.Plan;
import io.tenure.engine.access.ApiTokens;
import io.tenure.engine.access.TokenScope;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.audit.AuditRecord;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.configuration.TenureHome;
import io.tenure.engine.execution.PlanId;
import io.tenure.engine.execution.PlanRepository;
import io.tenure.engine.guard.HeldPlanRepository;
import io.tenure.engine.store.IdGenerator;
import io.tenure.engine.store.Transactions;
import io.tenure.server.BearerRequests;
import io.tenure.server.TenureApplication;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The admin REST API over HTTP: who may call it, the JSON shape of the lists, bad input. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiIT {

  private static final String PASSWORD = "directory-secret";
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();
  private Path folder;
  private InMemoryDirectory directory;
  private ConfigurableApplicationContext context;
  private String root;
  private String adminToken;
  private String scimToken;

  @BeforeAll
  void start() throws Exception {
    folder = Files.createTempDirectory("tenure-api-it");
    directory = InMemoryDirectory.start(PASSWORD);
    Map<String, String> variables =
        Map.of(
            "DEMO_LDAP_URL",
            directory.url(),
            "DEMO_LDAP_PASSWORD",
            PASSWORD,
            "DEMO_PEOPLE_BASE",
            InMemoryDirectory.PEOPLE,
            "DEMO_GROUPS_BASE",
            InMemoryDirectory.GROUPS);
    String yaml;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("demo/tenure.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    TenureConfiguration configuration =
        new YamlConfigurationLoader(variables::get, Set.of()).parse(yaml, "tenure.yaml", folder);
    TenureLaunch launch =
        new TenureLaunch(new TenureHome(folder.resolve("home")), configuration, Clock.systemUTC());
    context = TenureApplication.serve(launch, 0);
    root = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    ApiTokens tokens = context.getBean(ApiTokens.class);
    adminToken = tokens.create(TokenScope.ADMIN, "api-admin", "test").secret();
    scimToken = tokens.create(TokenScope.SCIM, "api-scim", "test").secret();
  }

  @AfterAll
  void stop() {
    try {
      if (context != null) {
        context.close();
      }
    } finally {
      if (directory != null) {
        directory.close();
      }
      if (folder != null) {
        FileSystemUtils.deleteRecursively(folder.toFile());
      }
    }
  }

  private HttpResponse<String> send(
      String method, String path, @Nullable String body, @Nullable String token) throws Exception {
    HttpRequest.Builder request =
        BearerRequests.request(URI.create(root + path), method, body, "application/json", token);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode okJson(String path) throws Exception {
    HttpResponse<String> response = send("GET", path, null, adminToken);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    return MAPPER.readTree(response.body());
  }

  @Test
  void onlyAdminTokensReachTheApi() throws Exception {
    for (String path :
        new String[] {"/api/v1/findings", "/api/v1/operations?state=parked", "/api/v1/plans"}) {
      assertThat(send("GET", path, null, null).statusCode()).as(path).isEqualTo(401);
      assertThat(send("GET", path, null, "tenure_not_a_token").statusCode())
          .as(path)
          .isEqualTo(401);
      assertThat(send("GET", path, null, scimToken).statusCode()).as(path).isEqualTo(403);
    }
    assertThat(send("POST", "/api/v1/operations/1/retry", null, scimToken).statusCode())
        .isEqualTo(403);
    assertThat(
            send("POST", "/api/v1/plans/x/reject", "{\"reason\":\"no\"}", scimToken).statusCode())
        .isEqualTo(403);
  }

  @Test
  void listsAreJsonObjectsWithArrays() throws Exception {
    JsonNode findings = okJson("/api/v1/findings?target=directory&situation=orphan");
    assertThat(findings.get("findings").isArray()).as(findings.toString()).isTrue();
    JsonNode operations = okJson("/api/v1/operations?state=parked");
    assertThat(operations.get("operations").isArray()).as(operations.toString()).isTrue();
    assertThat(operations.get("operations").size()).isZero();
    JsonNode plans = okJson("/api/v1/plans?held=true");
    assertThat(plans.get("plans").isArray()).as(plans.toString()).isTrue();
    assertThat(plans.get("plans").size()).isZero();
  }

  @Test
  void badInputIs400AndUnknownIdsAre404() throws Exception {
    HttpResponse<String> unknownSituation =
        send("GET", "/api/v1/findings?situation=sideways", null, adminToken);
    assertThat(unknownSituation.statusCode()).isEqualTo(400);
    assertThat(MAPPER.readTree(unknownSituation.body()).get("error").asString())
        .contains("situation");
    assertThat(send("GET", "/api/v1/operations?state=nap", null, adminToken).statusCode())
        .isEqualTo(400);
    assertThat(send("GET", "/api/v1/plans?limit=-1", null, adminToken).statusCode()).isEqualTo(400);

    HttpResponse<String> discardUnknown =
        send("POST", "/api/v1/operations/987654321/discard", "{\"reason\":\"gone\"}", adminToken);
    assertThat(discardUnknown.statusCode()).as(discardUnknown.body()).isEqualTo(404);
    assertThat(send("POST", "/api/v1/operations/987654321/retry", null, adminToken).statusCode())
        .isEqualTo(404);
    assertThat(send("POST", "/api/v1/operations/1/discard", "{}", adminToken).statusCode())
        .isEqualTo(400);

    HttpResponse<String> rejectWithoutReason =
        send("POST", "/api/v1/plans/no-such-plan/reject", null, adminToken);
    assertThat(rejectWithoutReason.statusCode()).as(rejectWithoutReason.body()).isEqualTo(400);
    assertThat(send("POST", "/api/v1/plans/x/reject", "{\"reason\": 7}", adminToken).statusCode())
        .isEqualTo(400);
    assertThat(send("POST", "/api/v1/plans/x/reject", "not json", adminToken).statusCode())
        .isEqualTo(400);
    assertThat(
            send("POST", "/api/v1/plans/no-such-plan/reject", "{\"reason\":\"no\"}", adminToken)
                .statusCode())
        .isEqualTo(404);
    assertThat(
            send("POST", "/api/v1/plans/no-such-plan/resume", "{\"reason\":\"ok\"}", adminToken)
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void aValidTokenOnAPathOrMethodTheApiDoesNotHaveGetsAProblemNotA401() throws Exception {
    HttpResponse<String> unknownPath = send("GET", "/api/v1/no-such-thing", null, adminToken);
    assertThat(unknownPath.statusCode()).as(unknownPath.body()).isEqualTo(404);
    assertThat(unknownPath.body()).as("an RFC 9457 problem, not an empty body").contains("404");

    HttpResponse<String> wrongMethod = send("DELETE", "/api/v1/plans", null, adminToken);
    assertThat(wrongMethod.statusCode()).as(wrongMethod.body()).isEqualTo(405);

    HttpResponse<String> anonymous = send("GET", "/api/v1/no-such-thing", null, null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  void rejectingAHeldPlanIsAuditedWithTheTokenName() throws Exception {
    PlanId plan = context.getBean(IdGenerator.class).newPlanId();
    context
        .getBean(Transactions.class)
        .run(
            () -> {
              Instant now = Instant.now();
              context.getBean(PlanRepository.class).create(plan, Plan.empty(), "test", "test", now);
              context.getBean(HeldPlanRepository.class).hold(plan, List.of(), "too many", now);
            });

    JsonNode held = okJson("/api/v1/plans?held=true");
    assertThat(held.get("plans").size()).as(held.toString()).isEqualTo(1);
    assertThat(held.get("plans").get(0).get("plan").asString()).isEqualTo(plan.value());
    assertThat(held.get("plans").get(0).get("status").asString()).isEqualTo("HELD");

    HttpResponse<String> rejected =
        send(
            "POST",
            "/api/v1/plans/" + plan.value() + "/reject",
            "{\"reason\":\"not today\"}",
            adminToken);
    assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
    assertThat(MAPPER.readTree(rejected.body()).get("status").asString()).isEqualTo("REJECTED");
    List<AuditRecord> audit = context.getBean(AuditLog.class).recent(plan.value(), 10);
    assertThat(audit)
        .anySatisfy(
            record -> {
              assertThat(record.event().action()).isEqualTo("plan.rejected");
              assertThat(record.event().actor()).isEqualTo("api:api-admin");
            });
    HttpResponse<String> again =
        send(
            "POST",
            "/api/v1/plans/" + plan.value() + "/resume",
            "{\"reason\":\"changed my mind\"}",
            adminToken);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
    assertThat(okJson("/api/v1/plans?held=true").get("plans").size()).isZero();
  }
}
