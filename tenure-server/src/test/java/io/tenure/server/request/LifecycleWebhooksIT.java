package io.tenure.server.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.cli.CliEnvironment;
import io.tenure.cli.TenureCli;
import io.tenure.cli.Terminal;
import io.tenure.engine.configuration.TenureHome;
import io.tenure.governance.request.WebhookSignature;
import io.tenure.server.TenureLauncher;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * Lifecycle webhooks end to end through the CLI and the embedded PostgreSQL: an HR import with a
 * joiner, a mover and a leaver delivers one signed webhook for each, with its body; a preview sends
 * nothing.
 */
class LifecycleWebhooksIT {

  private static final String SECRET = "lifecycle-webhook-secret-0123456789";
  private static final String HEADER =
      "employee_id,first_name,last_name,email,department,status,hire_date,termination_date\n";

  private final List<Received> hooks = new CopyOnWriteArrayList<>();
  private com.sun.net.httpserver.HttpServer receiver;
  private Path folder;
  private Path config;
  private Instant now = Instant.parse("2026-03-02T09:00:00Z");

  /** A webhook delivery the in-test receiver got. */
  private record Received(String event, String timestamp, String signature, String body) {}

  @BeforeEach
  void setUp() throws Exception {
    receiver =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hooks",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          hooks.add(
              new Received(
                  exchange.getRequestHeaders().getFirst("X-Tenure-Event"),
                  exchange.getRequestHeaders().getFirst("X-Tenure-Timestamp"),
                  exchange.getRequestHeaders().getFirst("X-Tenure-Signature"),
                  new String(body, StandardCharsets.UTF_8)));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();
    folder = Files.createTempDirectory("tenure-lifecycle-webhooks");
    Files.createDirectories(folder.resolve("hr"));
    Files.writeString(
        folder.resolve("hr/people.csv"),
        HEADER
            + "E1,Alice,Archer,alice@example.com,Engineering,active,2024-01-01,\n"
            + "E2,Bob,Baker,bob@example.com,Sales,active,2024-01-01,\n");
    config = folder.resolve("tenure.yaml");
    Files.writeString(
        config,
        """
        sources:
          hr:
            type: csv
            file: hr/people.csv
            key: employeeId
            attributes:
              employeeId: employee_id
              givenName: first_name
              familyName: last_name
              email: email
              department: department
            lifecycle: { status: status, startDate: hire_date, endDate: termination_date }
        webhooks:
          - { name: people, url: "http://127.0.0.1:%d/hooks", secret: %s, events: [joiner, mover, leaver] }
          - { name: requests-only, url: "http://127.0.0.1:%d/requests", secret: %s, events: [request.decided] }
        """
            .formatted(
                receiver.getAddress().getPort(), SECRET, receiver.getAddress().getPort(), SECRET));
  }

  @AfterEach
  void tearDown() throws java.io.IOException {
    if (receiver != null) {
      receiver.stop(0);
    }
    FileSystemUtils.deleteRecursively(folder);
  }

  @Test
  void anImportWithAJoinerAMoverAndALeaverDeliversThreeSignedWebhooks() throws Exception {
    ok("import");
    assertThat(hooks).extracting(Received::event).containsExactly("joiner", "joiner");
    hooks.clear();

    Path changed = folder.resolve("changed.csv");
    Files.writeString(
        changed,
        HEADER
            + "E1,Alice,Archer,alice@example.com,Sales,active,2024-01-01,\n"
            + "E2,Bob,Baker,bob@example.com,Sales,terminated,2024-01-01,2026-03-01\n"
            + "E3,Cleo,Clark,cleo@example.com,Finance,active,2026-03-02,\n");
    ok("plan", "--source", "hr", "--file", changed.toString());
    assertThat(hooks).as("a preview keeps and sends nothing").isEmpty();

    ok("import", "--source", "hr", "--file", changed.toString());
    assertThat(hooks).extracting(Received::event).containsExactly("mover", "leaver", "joiner");
    for (Received hook : hooks) {
      assertThat(
              WebhookSignature.matches(
                  SECRET, Long.parseLong(hook.timestamp()), hook.body(), hook.signature()))
          .as("signature of %s", hook)
          .isTrue();
    }
    assertThat(hooks.get(0).body())
        .startsWith("{\"event\":\"mover\",\"at\":\"2026-03-02T09:")
        .contains(
            "\"employeeId\":\"E1\",\"name\":\"Alice Archer\"",
            "\"change\":{\"attributes\":[{\"attribute\":\"department\",\"from\":\"Engineering\","
                + "\"to\":\"Sales\"}]}");
    assertThat(hooks.get(1).body())
        .startsWith("{\"event\":\"leaver\"")
        .contains(
            "\"employeeId\":\"E2\",\"name\":\"Bob Baker\"",
            "\"change\":{\"state\":\"TERMINATED\",\"effectiveDate\":\"2026-03-01\"}");
    assertThat(hooks.get(2).body())
        .startsWith("{\"event\":\"joiner\"")
        .contains(
            "\"employeeId\":\"E3\",\"name\":\"Cleo Clark\"",
            "\"change\":{\"state\":\"ACTIVE\",\"startDate\":\"2026-03-02\"}");
    assertThat(ok("request", "webhooks", "--state", "pending").out())
        .contains("No webhook delivery");
  }

  private Run ok(String... arguments) {
    Run run = run(arguments);
    assertThat(run.exitCode()).as("%s: %s", List.of(arguments), run).isZero();
    return run;
  }

  private record Run(int exitCode, String out, String err) {}

  private Run run(String... arguments) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] withConfig = new String[arguments.length + 1];
    withConfig[0] = "--config=" + config;
    System.arraycopy(arguments, 0, withConfig, 1, arguments.length);
    CliEnvironment environment =
        new CliEnvironment(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            Terminal.none(),
            Map.<String, String>of()::get,
            new TenureHome(folder.resolve("home")),
            Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), now)),
            TenureLauncher.INSTANCE,
            UnaryOperator.identity());
    int code = TenureCli.execute(environment, withConfig);
    now = now.plus(Duration.ofMinutes(1));
    return new Run(code, out.toString(), err.toString());
  }
}
