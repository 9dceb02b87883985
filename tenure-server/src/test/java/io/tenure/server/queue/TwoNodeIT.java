package io.tenure.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.core.plan.OperationKind;
import io.tenure.engine.audit.AuditVerification;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Several nodes: two {@code tenure serve} processes on one PostgreSQL share a large plan with their
 * background queue workers. The plan (a create and the group memberships of each of thousands of
 * people) is stored while both serve, by an import in the test's JVM that works none of it; both
 * servers drain it against a real OpenLDAP. Every operation succeeds exactly once, both nodes do a
 * substantial share, no two attempts at one operation overlap, the directory ends exactly as
 * desired, a new plan is empty, and the audit chain both nodes extended (each with its own home and
 * the one key of {@code TENURE_AUDIT_KEY}) is intact against each node's checkpoint.
 */
class TwoNodeIT {

  private static final String LDAP_URL =
      System.getProperty("tenure.it.ldap.url", "ldap://127.0.0.1:3389");
  private static final int PEOPLE = Integer.getInteger("tenure.it.twonode.people", 1_500);
  private static final Duration PATIENCE =
      Duration.ofSeconds(Integer.getInteger("tenure.it.twonode.seconds", 300));

  /** Only the queue workers work: the scheduled planning is off. */
  private static final Map<String, String> SERVER =
      Map.of("tenure.schedule.interval", "PT0S", "tenure.queue.workers", "8");

  @Test
  void twoServersShareALargePlanAndRunEveryOperationExactlyOnce() throws Exception {
    // batches of 4: a round claims a few dozen operations, so that both nodes get a share of the
    // plan (with the default batch size one node's first round could claim every ready create)
    try (QueueScenario scenario = new QueueScenario(LDAP_URL, PEOPLE, 6, 4, 20261128L)) {
      int expected = scenario.expectedOperations();
      assertThat(expected).isGreaterThan(PEOPLE * 3);

      List<QueueScenario.Server> servers = new ArrayList<>();
      List<String> stoppedUnclean = new ArrayList<>();
      try {
        // two nodes: each its own home, one audit key (TENURE_AUDIT_KEY) for both
        servers.add(scenario.serve("one.log", "home-one", SERVER));
        servers.add(scenario.serve("two.log", "home-two", SERVER));
        int one = scenario.awaitServing(servers.get(0), PATIENCE);
        int two = scenario.awaitServing(servers.get(1), PATIENCE);
        assertThat(one).as("two servers, two ports").isNotEqualTo(two);

        assertThat(scenario.storePlan()).isEqualTo(expected);

        awaitDrained(scenario, servers, expected);
      } finally {
        for (QueueScenario.Server server : servers) {
          if (!QueueScenario.terminate(server.process(), Duration.ofSeconds(60))) {
            stoppedUnclean.add(server.log() + ":\n" + scenario.output(server.log()));
          }
        }
      }
      assertThat(stoppedUnclean).as("servers that did not stop on SIGTERM").isEmpty();

      scenario.assertEveryOperationSucceededOnce(expected);
      assertThat(
              scenario.count(
                  "select count(*) from operation_attempts a join operation_attempts b"
                      + " on a.operation_id = b.operation_id and a.id < b.id"
                      + " and a.started_at < b.finished_at and b.started_at < a.finished_at"))
          .as("attempts at one operation running at the same time")
          .isZero();

      // both nodes shared the accounts' creates; the grants of one group may go to one node, which
      // gathers the ready ones into one batch (one add or modify of many members)
      Map<String, Long> byWorker = succeededByWorker(scenario, OperationKind.CREATE_ACCOUNT);
      assertThat(byWorker).as("workers that succeeded creates").hasSize(2);
      for (QueueScenario.Server server : servers) {
        String prefix = server.process().pid() + "@";
        long share =
            byWorker.entrySet().stream()
                .filter(worker -> worker.getKey().startsWith(prefix))
                .mapToLong(Map.Entry::getValue)
                .sum();
        assertThat(share)
            .as("creates %s (pid %s) succeeded: %s", server.log(), prefix, byWorker)
            .isGreaterThan(PEOPLE / 10);
      }

      Map<String, Integer> accounts = scenario.accountsByEmployeeNumber();
      assertThat(accounts.keySet()).isEqualTo(scenario.departments.keySet());
      assertThat(accounts.values()).as("no account created twice").allMatch(count -> count == 1);
      assertThat(scenario.groups()).isEqualTo(scenario.expectedGroups());

      // both nodes chained audit events, and checkpointed the chain in their own homes
      for (String home : new String[] {"home-one", "home-two"}) {
        AuditVerification audit = scenario.audit(home);
        assertThat(audit.problems()).as("the audit chain against %s's checkpoint", home).isEmpty();
        assertThat(audit.checkpoint()).as("%s's checkpoint", home).isNotNull();
        assertThat(audit.intact()).isTrue();
      }

      Process plan = scenario.start("plan.log", Map.of(), "plan", "--format", "json");
      assertThat(plan.waitFor(5, TimeUnit.MINUTES)).isTrue();
      assertThat(scenario.output("plan.log")).containsPattern("\"size\"\\s*:\\s*0");
    }
  }

  /**
   * Waits until every stored operation has succeeded, failing early (with the servers' output) if
   * one is parked or a server exits, and at the deadline with the queue's states.
   */
  private static void awaitDrained(
      QueueScenario scenario, List<QueueScenario.Server> servers, int expected) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    Map<String, Long> states = Map.of();
    while (System.nanoTime() < deadline) {
      states = states(scenario);
      if (states.getOrDefault("SUCCEEDED", 0L) == expected && states.size() == 1) {
        return;
      }
      assertThat(states.getOrDefault("PARKED", 0L))
          .as("parked operations: %s%n%s", states, logs(scenario, servers))
          .isZero();
      for (QueueScenario.Server server : servers) {
        assertThat(server.process().isAlive())
            .as("%s is still serving:%n%s", server.log(), scenario.output(server.log()))
            .isTrue();
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "the two servers did not drain the "
            + expected
            + " operations within "
            + PATIENCE
            + "; operations by state: "
            + states
            + "\n"
            + logs(scenario, servers));
  }

  private static Map<String, Long> states(QueueScenario scenario) throws SQLException {
    return grouped(scenario, "select state, count(*) from operations group by state");
  }

  /** The successful attempts at operations of this kind, by the worker that made them. */
  private static Map<String, Long> succeededByWorker(QueueScenario scenario, OperationKind kind)
      throws SQLException {
    return grouped(
        scenario,
        "select coalesce(a.worker, '(none)'), count(*) from operation_attempts a"
            + " join operations o on o.id = a.operation_id"
            + " where a.outcome = 'SUCCEEDED' and o.kind = '"
            + kind.name()
            + "' group by 1");
  }

  private static Map<String, Long> grouped(QueueScenario scenario, String sql) throws SQLException {
    Map<String, Long> found = new TreeMap<>();
    try (Connection connection = scenario.postgres(scenario.database);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        found.put(rows.getString(1), rows.getLong(2));
      }
    }
    return found;
  }

  private static String logs(QueueScenario scenario, List<QueueScenario.Server> servers)
      throws IOException {
    StringBuilder text = new StringBuilder();
    for (QueueScenario.Server server : servers) {
      text.append("--- ").append(server.log()).append('\n').append(scenario.output(server.log()));
    }
    return text.toString();
  }
}
