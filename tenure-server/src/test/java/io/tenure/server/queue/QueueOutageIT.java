package io.tenure.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.connector.testkit.OpenLdapTools;
import io.tenure.server.CommittedAuditEvents;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A target outage in the middle of a run costs nothing: a Tenure process applies a plan against its
 * own OpenLDAP (on a free loopback port, with its own data folder), which is stopped for {@code
 * tenure.it.outage.seconds} (default 90; the five minutes were run with 300) and started
 * again. Every operation completes after the recovery with the default retry settings; none is
 * parked, no attempt is spent on the outage, no account is created twice, and the audit log has one
 * outage and one recovery event instead of a failure per attempt, its chain intact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueueOutageIT {

  private static final Duration OUTAGE =
      Duration.ofSeconds(Integer.getInteger("tenure.it.outage.seconds", 90));
  private static final int PEOPLE = Integer.getInteger("tenure.it.outage.people", 600);

  private OpenLdapTools tools;
  private OpenLdapTools.Instance directory;

  @BeforeAll
  void startDirectory() throws Exception {
    tools = OpenLdapTools.fromProperty();
    directory = tools.start("tenure-outage-ldap");
  }

  @AfterAll
  void stopDirectory() throws Exception {
    tools.purge(directory);
  }

  @Test
  void everyOperationCompletesAfterTheTargetComesBackAndNoneIsParked() throws Exception {
    try (QueueScenario scenario = new QueueScenario(directory.url(), PEOPLE, 4, 3391L)) {
      int expected = scenario.expectedOperations();
      Process apply = scenario.start("apply.log", Map.of(), "apply", "--yes");
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
        tools.stop(directory);
        long atStop = succeeded(scenario);
        Thread.sleep(OUTAGE.toMillis());
        assertThat(succeeded(scenario) - atStop)
            .as("nothing succeeds while the target is down (beyond what was in flight)")
            .isLessThanOrEqualTo(8);
        assertThat(apply.isAlive()).as("the run waits for the target").isTrue();
        tools.start(directory);

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
                      + " and error_kind in ('CONNECTION', 'TIMEOUT')"))
          .as("no attempt is spent on the outage:%n%s", scenario.output("apply.log"))
          .isZero();
      assertThat(scenario.count("select count(*) from operation_attempts where outcome = 'PARKED'"))
          .isZero();
      assertThat(scenario.count(CommittedAuditEvents.count("target.outage")))
          .as("one outage event")
          .isEqualTo(1);
      assertThat(scenario.count(CommittedAuditEvents.count("target.recovered")))
          .as("one recovery event")
          .isEqualTo(1);
      assertThat(scenario.count(CommittedAuditEvents.count("operation.failed")))
          .as("no failure per attempt")
          .isZero();
      assertThat(scenario.accountsByEmployeeNumber()).hasSize(PEOPLE);
      assertThat(scenario.accountsByEmployeeNumber().values())
          .as("no account created twice")
          .allMatch(count -> count == 1);
      assertThat(scenario.groups()).isEqualTo(scenario.expectedGroups());
      assertThat(scenario.audit("home").problems()).as("the audit chain").isEmpty();
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
