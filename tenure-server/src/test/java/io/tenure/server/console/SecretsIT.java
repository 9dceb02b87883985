package io.tenure.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.cli.TenureLaunch;
import io.tenure.configuration.YamlConfigurationLoader;
import io.tenure.connector.ldap.InMemoryDirectory;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.configuration.TenureHome;
import io.tenure.engine.provisioning.Provisioning;
import io.tenure.engine.provisioning.Provisioning.Scope;
import io.tenure.server.BearerRequests;
import io.tenure.server.TenureApplication;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A full run of {@code tenure serve} (start, HR load, every API read, a user and a token made
 * through the API, console logins and pages, wrong passwords, an error) with every log line kept
 * (everything written to the console: Tenure's logs at DEBUG, the rest at INFO): no configured
 * secret (the connector's password, the administrator's and a user's password, API tokens, the
 * store's password, the audit key) appears in a log line or in an answer, except the one answer
 * that shows a new secret once.
 */
class SecretsIT {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> seen = new ArrayList<>();

  @Test
  void noSecretIsAnsweredOrLogged() throws Exception {
    String ldapPassword = "ldap-" + UUID.randomUUID();
    String adminPassword = "admin-" + UUID.randomUUID();
    // every line written to the console while the server runs (Tenure's logs at DEBUG, the rest
    // at INFO: Spring Boot applies the logging.level properties when it starts)
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    System.setOut(new PrintStream(new TeeOutputStream(out, logs), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new TeeOutputStream(err, logs), true, StandardCharsets.UTF_8));
    System.setProperty("logging.level.root", "INFO");
    System.setProperty("logging.level.io.tenure", "DEBUG");
    Path folder = Files.createTempDirectory("tenure-secrets-it");
    List<String> secrets = new ArrayList<>(List.of(ldapPassword, adminPassword));
    try (InputStreamDirectory directory = new InputStreamDirectory(ldapPassword)) {
      Path hr = Files.createDirectories(folder.resolve("hr"));
      Files.writeString(
          hr.resolve("hr-1-initial-load.csv"),
          ConsoleServer.resource("demo/hr-1-initial-load.csv"));
      Map<String, String> variables =
          Map.of(
              "DEMO_LDAP_URL",
              directory.directory.url(),
              "DEMO_LDAP_PASSWORD",
              ldapPassword,
              "DEMO_PEOPLE_BASE",
              InMemoryDirectory.PEOPLE,
              "DEMO_GROUPS_BASE",
              InMemoryDirectory.GROUPS);
      TenureConfiguration configuration =
          new YamlConfigurationLoader(variables::get, Set.of())
              .parse(ConsoleServer.resource("demo/tenure.yaml"), "tenure.yaml", hr);
      TenureHome home = new TenureHome(folder.resolve("home"));
      System.setProperty("tenure.admin.password", adminPassword);
      ConfigurableApplicationContext context;
      try {
        context =
            TenureApplication.serve(new TenureLaunch(home, configuration, Clock.systemUTC()), 0);
      } finally {
        System.clearProperty("tenure.admin.password");
      }
      try (context) {
        String root =
            "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
        Provisioning provisioning = context.getBean(Provisioning.class);
        provisioning.importAndApply(
            provisioning.sources(null, null), Scope.EVERYBODY, "test", "load");
        secrets.add(Files.readString(home.path().resolve("postgres.password")).strip());
        secrets.add(Files.readString(home.path().resolve("audit.key")).strip());
        String adminToken =
            context
                .getBean(io.tenure.engine.access.ApiTokens.class)
                .create(io.tenure.engine.access.TokenScope.ADMIN, "secrets", "test")
                .secret();
        secrets.add(adminToken);

        // made through the API: their secrets are in these answers only
        JsonNode user =
            MAPPER.readTree(
                call(
                    root,
                    "POST",
                    "/api/v1/users",
                    "{\"username\":\"helpdesk\",\"roles\":[\"operator\"]}",
                    adminToken,
                    false));
        String userPassword = user.get("password").asString();
        secrets.add(userPassword);
        JsonNode token =
            MAPPER.readTree(
                call(
                    root,
                    "POST",
                    "/api/v1/tokens",
                    "{\"scope\":\"admin\",\"name\":\"ci\",\"user\":\"helpdesk\"}",
                    adminToken,
                    false));
        String userToken = token.get("secret").asString();
        secrets.add(userToken);

        String person =
            MAPPER
                .readTree(call(root, "GET", "/api/v1/people?q=Martin", null, adminToken, true))
                .get("people")
                .get(0)
                .get("id")
                .asString();
        for (String path :
            List.of(
                "/api/v1/me",
                "/api/v1/people?limit=5",
                "/api/v1/people/" + person,
                "/api/v1/roles",
                "/api/v1/rules",
                "/api/v1/plans?held=false",
                "/api/v1/operations",
                "/api/v1/findings",
                "/api/v1/audit?limit=1000",
                "/api/v1/users",
                "/api/v1/tokens",
                "/api/v1/nowhere",
                "/api/v1/operations/not-a-number",
                "/v3/api-docs",
                "/actuator/health",
                "/actuator/prometheus",
                "/actuator/env",
                "/actuator/configprops")) {
          call(root, "GET", path, null, adminToken, true);
          call(root, "GET", path, null, userToken, true);
        }
        call(root, "POST", "/api/v1/plans/nothing/reject", "{\"reason\": 7}", userToken, true);

        ConsoleSession admin = new ConsoleSession(root);
        ConsoleSession wrong = new ConsoleSession(root);
        wrong.logIn("admin", ldapPassword);
        wrong.logIn("helpdesk", adminPassword);
        admin.logIn("admin", adminPassword);
        ConsoleSession helpdesk = new ConsoleSession(root);
        helpdesk.logIn("helpdesk", userPassword);
        for (String page :
            List.of(
                "/",
                "/people?q=a",
                "/people/" + person,
                "/plans?all=true",
                "/operations?state=open",
                "/findings",
                "/audit",
                "/me",
                "/nowhere")) {
          seen.add(admin.get(page).body());
          seen.add(helpdesk.get(page).body());
        }
      }
    } finally {
      System.setOut(out);
      System.setErr(err);
      System.clearProperty("logging.level.root");
      System.clearProperty("logging.level.io.tenure");
      FileSystemUtils.deleteRecursively(folder);
    }
    String logged = logs.toString(StandardCharsets.UTF_8);
    assertThat(logged.lines().count()).as("the run was logged").isGreaterThan(10);
    seen.add(logged);
    for (String secret : secrets) {
      assertThat(secret).hasSizeGreaterThan(15);
      for (String text : seen) {
        assertThat(text).as("an answer or a log line").doesNotContain(secret);
      }
    }
  }

  /** Sends a request; its answer (headers and body) is checked unless it shows a new secret. */
  private String call(
      String root, String method, String path, @Nullable String body, String token, boolean check)
      throws Exception {
    HttpResponse<String> response =
        http.send(
            BearerRequests.request(URI.create(root + path), method, body, "application/json", token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (check) {
      seen.add(response.headers().map().toString());
      seen.add(response.body());
    }
    return response.body();
  }

  /** Writes to two streams. */
  private static final class TeeOutputStream extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    TeeOutputStream(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void write(int b) throws IOException {
      first.write(b);
      synchronized (second) {
        second.write(b);
      }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      first.write(bytes, offset, length);
      synchronized (second) {
        second.write(bytes, offset, length);
      }
    }

    @Override
    public void flush() throws IOException {
      first.flush();
    }
  }

  /** The in-process directory, closed with the test. */
  private static final class InputStreamDirectory implements AutoCloseable {
    final InMemoryDirectory directory;

    InputStreamDirectory(String password) {
      directory = InMemoryDirectory.start(password);
    }

    @Override
    public void close() {
      directory.close();
    }
  }
}
