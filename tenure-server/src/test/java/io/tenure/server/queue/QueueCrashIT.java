package io.tenure.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Crash safety and two nodes: a Tenure process applying about 10,000 operations against a real
 * OpenLDAP is killed with SIGKILL mid-run; then two restarted processes share the rest on the same
 * PostgreSQL: the operator runs {@code tenure apply --yes} again, and another node {@code tenure
 * operations work --until-idle}. The directory must end exactly as desired: every account once,
 * every group with exactly its members, a new plan empty, no change queued twice, no operation
 * succeeded twice, and the audit chain intact.
 */
class QueueCrashIT {

  private static final String LDAP_URL =
      System.getProperty("tenure.it.ldap.url", "ldap://127.0.0.1:3389");
  private static final int PEOPLE = Integer.getInteger("tenure.it.crash.people", 2_500);
  private static final Map<String, String> FAST_LEASE =
      Map.of("tenure.queue.lease", "PT5S", "tenure.queue.workers", "8");

  @Test
  void aKilledRunIsFinishedByTheNextOnesAndTheDirectoryEndsExactlyAsDesired() throws Exception {
    // batches of 4 (each still recorded in one transaction), as in TwoNodeIT: a batch's outcomes
    // are recorded together, so with the default 1,000 the rest of the plan after the crash ran
    // in a few rounds of whole waves (every next operation of a batch's accounts ready at once),
    // taken by the node that recorded the last one, and was done before the second `apply` had
    // planned: neither the second node's share nor the operator's apply working the queued
    // operations was then exercised
    try (QueueScenario scenario = new QueueScenario(LDAP_URL, PEOPLE, 6, 4, 20261127L)) {
      int expected = scenario.expectedOperations();
      assertThat(expected).isGreaterThan(PEOPLE * 3);

      Process first = scenario.start("first.log", FAST_LEASE, "apply", "--yes");
      long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
      long succeeded = 0;
      while (System.nanoTime() < deadline && first.isAlive()) {
        succeeded = succeeded(scenario);
        if (succeeded >= expected / 3) {
          break;
        }
        Thread.sleep(200);
      }
      assertThat(first.isAlive())
          .as("the first run is still going when it is killed:%n%s", scenario.output("first.log"))
          .isTrue();
      first.destroyForcibly();
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      long atKill = succeeded(scenario);
      assertThat(atKill).isGreaterThan(0).isLessThan(expected);

      // the natural operator action after a crash: apply again (it must not queue anything twice)
      Process one = scenario.start("one.log", FAST_LEASE, "apply", "--yes");
      Process two = scenario.start("two.log", FAST_LEASE, "operations", "work", "--until-idle");
      try {
        assertThat(one.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(two.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(one.exitValue()).as(scenario.output("one.log")).isZero();
        assertThat(two.exitValue()).as(scenario.output("two.log")).isZero();
      } finally {
        QueueScenario.stop(one);
        QueueScenario.stop(two);
      }

      assertThat(scenario.output("one.log"))
          .containsPattern("\\d+ operations already queued from earlier plans; working them");

      Map<String, Integer> accounts = scenario.accountsByEmployeeNumber();
      assertThat(accounts).hasSize(PEOPLE);
      assertThat(accounts.values()).allMatch(count -> count == 1);
      assertThat(accounts.keySet()).isEqualTo(scenario.departments.keySet());
      assertThat(scenario.groups()).isEqualTo(scenario.expectedGroups());

      assertThat(scenario.count("select count(*) from operations where state not in ('SUCCEEDED')"))
          .as("every operation succeeded")
          .isZero();
      assertThat(
              scenario.count(
                  "select count(*) from (select operation_id from operation_attempts"
                      + " where outcome = 'SUCCEEDED' group by operation_id"
                      + " having count(*) > 1) twice"))
          .as("no operation succeeded twice")
          .isZero();
      assertThat(
              scenario.count(
                  "select count(*) from (select target, username, kind, payload - 'reason'"
                      + " from operations group by 1, 2, 3, 4 having count(*) > 1) twice"))
          .as("no change was queued twice")
          .isZero();
      assertThat(
              scenario.count(
                  "select count(distinct worker) from operation_attempts"
                      + " where outcome = 'SUCCEEDED' and worker is not null"))
          // the killed run and a node after it; the second node may find nothing left to claim
          // when the first gathers the remaining grants of a group into one batch
          .as("the killed run and a node after it did work")
          .isGreaterThanOrEqualTo(2);

      assertThat(scenario.audit("home").problems()).as("the audit chain").isEmpty();

      Process plan = scenario.start("plan.log", Map.of(), "plan", "--format", "json");
      assertThat(plan.waitFor(5, TimeUnit.MINUTES)).isTrue();
      assertThat(scenario.output("plan.log")).containsPattern("\"size\"\\s*:\\s*0");
    }
  }

  private static long succeeded(QueueScenario scenario) {
    try {
      return scenario.count("select count(*) from operations where state = 'SUCCEEDED'");
    } catch (java.sql.SQLException e) {
      return 0; // the schema is not there yet
    }
  }
}
