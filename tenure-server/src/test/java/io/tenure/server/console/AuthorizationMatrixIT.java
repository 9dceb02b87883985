package io.tenure.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.engine.access.AccessRole;
import io.tenure.server.BearerRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tenure's HTTP surface. Every HTTP endpoint × every role (and nobody): the table below says who
 * may call what, the running server must agree, and an endpoint the server registers without an
 * entry here (or an entry without an endpoint) fails the test. Each role's principal is a user
 * holding that role (so also {@code self}, which every person holds); an endpoint allowed to {@code
 * self} is allowed to all. Allowed means neither 401, 403 nor a server error (an unknown id then
 * answers 404); denied means 403, and nobody gets 401 (a browser is sent to the login page
 * instead).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT {

  private static final Set<AccessRole> ALL = EnumSet.allOf(AccessRole.class);
  private static final Set<AccessRole> ADMIN = EnumSet.of(AccessRole.ADMIN);
  private static final Set<AccessRole> READERS =
      EnumSet.of(AccessRole.ADMIN, AccessRole.OPERATOR, AccessRole.AUDITOR);
  private static final Set<AccessRole> OPERATORS =
      EnumSet.of(AccessRole.ADMIN, AccessRole.OPERATOR);
  private static final Set<AccessRole> AUDITORS = EnumSet.of(AccessRole.ADMIN, AccessRole.AUDITOR);

  /** Who may call each endpoint ("METHOD pattern"); null: anybody, logged in or not. */
  private static final Map<String, Set<AccessRole>> MATRIX = new TreeMap<>();

  static {
    // the REST API
    MATRIX.put("GET /api/v1/me", ALL);
    MATRIX.put("GET /api/v1/people", READERS);
    MATRIX.put("GET /api/v1/people/{id}", ALL);
    MATRIX.put("GET /api/v1/roles", READERS);
    MATRIX.put("GET /api/v1/rules", READERS);
    MATRIX.put("GET /api/v1/plans", READERS);
    MATRIX.put("GET /api/v1/plans/{id}", READERS);
    MATRIX.put("POST /api/v1/plans/{id}/approve", OPERATORS);
    MATRIX.put("POST /api/v1/plans/{id}/resume", OPERATORS);
    MATRIX.put("POST /api/v1/plans/{id}/reject", OPERATORS);
    MATRIX.put("GET /api/v1/operations", READERS);
    MATRIX.put("GET /api/v1/operations/{id}", READERS);
    MATRIX.put("POST /api/v1/operations/{id}/retry", OPERATORS);
    MATRIX.put("POST /api/v1/operations/{id}/discard", OPERATORS);
    MATRIX.put("GET /api/v1/findings", READERS);
    MATRIX.put("GET /api/v1/audit", AUDITORS);
    MATRIX.put("GET /api/v1/users", AUDITORS);
    MATRIX.put("POST /api/v1/users", ADMIN);
    MATRIX.put("POST /api/v1/users/{username}/disable", ADMIN);
    MATRIX.put("GET /api/v1/tokens", AUDITORS);
    MATRIX.put("POST /api/v1/tokens", ADMIN);
    MATRIX.put("POST /api/v1/tokens/{id}/revoke", ADMIN);
    MATRIX.put("GET /api/v1/reports", AUDITORS);
    MATRIX.put("GET /api/v1/reports/{name}", AUDITORS);
    MATRIX.put("GET /api/v1/campaigns", AUDITORS);
    MATRIX.put("POST /api/v1/campaigns", ADMIN);
    MATRIX.put("GET /api/v1/campaigns/{id}", AUDITORS);
    MATRIX.put("GET /api/v1/campaigns/{id}/items", AUDITORS);
    MATRIX.put("POST /api/v1/campaigns/{id}/close", ADMIN);
    MATRIX.put("POST /api/v1/campaigns/{id}/items/{item}/decision", ALL);
    // requests, approvals and cloning: every person, for what the request services allow them
    MATRIX.put("GET /api/v1/requests", ALL);
    MATRIX.put("POST /api/v1/requests", ALL);
    MATRIX.put("GET /api/v1/requests/{id}", ALL);
    MATRIX.put("POST /api/v1/requests/{id}/cancel", ALL);
    MATRIX.put("GET /api/v1/approvals", ALL);
    MATRIX.put("POST /api/v1/approvals/{id}/approve", ALL);
    MATRIX.put("POST /api/v1/approvals/{id}/reject", ALL);
    MATRIX.put("GET /api/v1/clone", ALL);
    MATRIX.put("POST /api/v1/clone", ALL);
    // the console
    MATRIX.put("GET /login", null);
    MATRIX.put("GET /", ALL);
    MATRIX.put("GET /me", ALL);
    MATRIX.put("GET /people", READERS);
    MATRIX.put("GET /people/{id}", ALL);
    MATRIX.put("GET /plans", READERS);
    MATRIX.put("GET /plans/{id}", READERS);
    MATRIX.put("POST /plans/{id}/approve", OPERATORS);
    MATRIX.put("POST /plans/{id}/reject", OPERATORS);
    MATRIX.put("GET /operations", READERS);
    MATRIX.put("POST /operations/{id}/retry", OPERATORS);
    MATRIX.put("POST /operations/{id}/discard", OPERATORS);
    MATRIX.put("GET /findings", READERS);
    MATRIX.put("GET /audit", AUDITORS);
    // the approver's inbox: every person, for what the request services allow them to decide
    MATRIX.put("GET /approvals", ALL);
    MATRIX.put("POST /approvals/{id}/approve", ALL);
    MATRIX.put("POST /approvals/{id}/reject", ALL);
  }

  /** The SCIM server's endpoints: a SCIM token, or a principal acting as an administrator. */
  private static final Set<AccessRole> SCIM = ADMIN;

  private ConsoleServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<AccessRole, ConsoleSession> sessions = new EnumMap<>(AccessRole.class);
  private final Map<AccessRole, String> csrf = new EnumMap<>(AccessRole.class);

  @BeforeAll
  void start() throws Exception {
    server = new ConsoleServer("matrix", null);
    for (AccessRole role : AccessRole.values()) {
      ConsoleSession session = new ConsoleSession(server.root);
      HttpResponse<String> login = session.logIn(server.users.get(role), server.password(role));
      assertThat(login.headers().firstValue("Location").orElse(""))
          .as("%s logs in", role)
          .doesNotContain("error");
      sessions.put(role, session);
      csrf.put(role, session.csrf("/"));
    }
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /** Every handler the server registered, as "METHOD pattern", with its controller's class. */
  private Map<String, String> registered() {
    Map<String, String> endpoints = new TreeMap<>();
    RequestMappingHandlerMapping mapping =
        server.context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
    for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
        mapping.getHandlerMethods().entrySet()) {
      String type = entry.getValue().getBeanType().getName();
      if (!type.startsWith("io.tenure.")) {
        continue;
      }
      Set<String> methods = new TreeSet<>();
      entry
          .getKey()
          .getMethodsCondition()
          .getMethods()
          .forEach(method -> methods.add(method.name()));
      if (methods.isEmpty()) {
        methods.add("GET");
      }
      for (String pattern : entry.getKey().getPatternValues()) {
        for (String method : methods) {
          endpoints.put(method + " " + pattern, type);
        }
      }
    }
    return endpoints;
  }

  @Test
  void everyEndpointHasAnEntryAndEveryEntryAnEndpoint() {
    Map<String, String> registered = registered();
    List<String> missing = new ArrayList<>();
    registered.forEach(
        (endpoint, type) -> {
          if (!type.startsWith("io.tenure.scim.") && !MATRIX.containsKey(endpoint)) {
            missing.add(endpoint + " (" + type + ")");
          }
        });
    assertThat(missing)
        .as("endpoints without an entry in the authorization matrix: say who may call them")
        .isEmpty();
    assertThat(registered.keySet())
        .as("entries of the matrix without an endpoint")
        .containsAll(MATRIX.keySet());
  }

  @Test
  void everyRoleGetsExactlyWhatTheMatrixSays() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, String> endpoint : registered().entrySet()) {
      String[] parts = endpoint.getKey().split(" ", 2);
      String method = parts[0];
      String path = concrete(parts[1]);
      boolean scim = endpoint.getValue().startsWith("io.tenure.scim.");
      Set<AccessRole> allowed = scim ? SCIM : MATRIX.get(endpoint.getKey());
      boolean api = path.startsWith("/api/") || scim;
      for (AccessRole role : AccessRole.values()) {
        int status =
            api
                ? bearer(method, path, server.tokens.get(role))
                : sessions.get(role).send(method, path, csrf.get(role)).statusCode();
        boolean mayCall =
            allowed == null || allowed.contains(role) || allowed.contains(AccessRole.SELF);
        if (mayCall ? status == 401 || status == 403 || status >= 500 : status != 403) {
          wrong.add(endpoint.getKey() + " as " + role.label() + ": " + status);
        }
      }
      int anonymous =
          api
              ? bearer(method, path, null)
              : new ConsoleSession(server.root).send(method, path, "none").statusCode();
      boolean open = !scim && allowed == null;
      if (open
          ? anonymous != 200
          : !(anonymous == 401 || (!api && anonymous == 302) || anonymous == 403)) {
        wrong.add(endpoint.getKey() + " anonymously: " + anonymous);
      }
    }
    assertThat(wrong).as("answers that disagree with the matrix").isEmpty();
  }

  @Test
  void unknownPathsAre404ToSomebodyLoggedInAnd401ToNobody() throws Exception {
    for (String path : List.of("/api/v1/nothing-here", "/nothing-here")) {
      assertThat(bearer("GET", path, server.tokens.get(AccessRole.SELF))).as(path).isEqualTo(404);
      assertThat(bearer("GET", path, null)).as(path).isEqualTo(401);
    }
    assertThat(sessions.get(AccessRole.SELF).get("/nothing-here").statusCode()).isEqualTo(404);
  }

  @Test
  void theOpenApiDescriptionIsOpenAndListsExactlyTheApiEndpoints() throws Exception {
    HttpResponse<String> response =
        http.send(
            java.net.http.HttpRequest.newBuilder(URI.create(server.root + "/v3/api-docs")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode document = JsonMapper.builder().build().readTree(response.body());
    assertThat(document.get("openapi").asString()).startsWith("3.1");
    Set<String> documented = new TreeSet<>();
    document
        .get("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        operation ->
                            documented.add(
                                operation.getKey().toUpperCase(java.util.Locale.ROOT)
                                    + " "
                                    + path.getKey())));
    Set<String> handlers = new TreeSet<>();
    registered().keySet().stream()
        .filter(endpoint -> endpoint.contains(" /api/"))
        .forEach(handlers::add);
    assertThat(documented)
        .as("the OpenAPI description lists every API handler, and only them")
        .isEqualTo(handlers);
    for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
        assertThat(operation.getValue().get("responses").toString())
            .as(operation.getKey() + " " + path.getKey() + " documents its problems")
            .contains("\"401\"", "\"403\"", "application/problem+json");
      }
    }
  }

  private int bearer(String method, String path, String token) throws Exception {
    HttpResponse<String> response =
        http.send(
            BearerRequests.request(
                    URI.create(server.root + path),
                    method,
                    method.equals("GET") ? null : "{\"reason\":\"matrix\"}",
                    "application/json",
                    token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode();
  }

  /** A pattern with its variables replaced by ids that exist nowhere. */
  private static String concrete(String pattern) {
    return pattern.replaceAll("\\{[^}]+}", "matrix-unknown");
  }
}
