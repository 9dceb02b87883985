package io.tenure.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A target outage in the middle of a run: a Tenure process applies a plan against its own OpenLDAP
 * (port 3391), which is stopped for {@code tenure.it.outage.seconds} (default 30) and started
 * again. Every operation completes after the recovery; none is parked because of the outage.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueueOutageIT {

  private static final int PORT = Integer.getInteger("tenure.it.outage.port", 3391);
  private static final String DATA =
      System.getProperty("tenure.it.outage.data", "/tmp/tenure-outage-ldap");
  private static final Duration OUTAGE =
      Duration.ofSeconds(Integer.getInteger("tenure.it.outage.seconds", 30));
  private static final int PEOPLE = Integer.getInteger("tenure.it.outage.people", 600);
  private static final Map<String, String> PATIENT_RETRIES =
      Map.of(
          "tenure.queue.retry.baseDelay", "PT0.2S",
          "tenure.queue.retry.maxDelay", "PT2S",
          "tenure.queue.retry.maxAttempts", "200",
          "tenure.queue.lease", "PT30S");

  private Path tools;

  @BeforeAll
  void startDirectory() throws Exception {
    tools = Path.of(System.getProperty("tenure.it.openldap.tools", "../../shared/tools"));
    assertThat(tools.resolve("start-openldap.sh"))
        .as("the OpenLDAP tools (set tenure.it.openldap.tools)")
        .exists();
    run(Map.of("LDAP_NOSYNC", "1"), "start-openldap.sh", "--reset", Integer.toString(PORT), DATA);
  }

  @AfterAll
  void stopDirectory() throws Exception {
    run(Map.of(), "stop-openldap.sh", DATA, "--purge");
  }

  private void run(Map<String, String> environment, String script, String... arguments)
      throws IOException, InterruptedException {
    java.util.List<String> command = new java.util.ArrayList<>();
    command.add("bash");
    command.add(tools.resolve(script).toString());
    command.addAll(java.util.List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true);
    Path log = Files.createTempFile("openldap", ".log");
    builder.redirectOutput(log.toFile());
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = Files.readString(log);
    Files.delete(log);
    assertThat(process.exitValue()).as(script + ": " + output).isZero();
  }

  @Test
  void everyOperationCompletesAfterTheTargetComesBackAndNoneIsParked() throws Exception {
    try (QueueScenario scenario = new QueueScenario("ldap://127.0.0.1:" + PORT, PEOPLE, 4, 3391L)) {
      int expected = scenario.expectedOperations();
      Process apply = scenario.start("apply.log", PATIENT_RETRIES, "apply", "--yes");
      try {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline
            && apply.isAlive()
            && succeeded(scenario) < expected / 5) {
          Thread.sleep(100);
        }
        assertThat(apply.isAlive())
            .as("the run is still going when the target stops:%n%s", scenario.output("apply.log"))
            .isTrue();
        run(Map.of(), "stop-openldap.sh", DATA);
        long atStop = succeeded(scenario);
        Thread.sleep(OUTAGE.toMillis());
        assertThat(succeeded(scenario) - atStop)
            .as("nothing succeeds while the target is down (beyond what was in flight)")
            .isLessThanOrEqualTo(8);
        run(Map.of("LDAP_NOSYNC", "1"), "start-openldap.sh", Integer.toString(PORT), DATA);

        assertThat(apply.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(apply.exitValue()).as(scenario.output("apply.log")).isZero();
      } finally {
        QueueScenario.stop(apply);
      }
      assertThat(scenario.count("select count(*) from operations where state <> 'SUCCEEDED'"))
          .isZero();
      assertThat(scenario.count("select count(*) from operations")).isEqualTo(expected);
      assertThat(
              scenario.count(
                  "select count(*) from operation_attempts where outcome = 'FAILED'"
                      + " and error_kind in ('CONNECTION', 'TIMEOUT', 'BUSY')"))
          .as("the outage was seen as retryable failures")
          .isPositive();
      assertThat(scenario.count("select count(*) from operation_attempts where outcome = 'PARKED'"))
          .isZero();
      assertThat(scenario.accountsByEmployeeNumber()).hasSize(PEOPLE);
      assertThat(scenario.groups()).isEqualTo(scenario.expectedGroups());
    }
  }

  private static long succeeded(QueueScenario scenario) {
    try {
      return scenario.count("select count(*) from operations where state = 'SUCCEEDED'");
    } catch (java.sql.SQLException e) {
      return 0;
    }
  }
}
