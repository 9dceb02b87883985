package io.tenure.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenure.cli.TenureLaunch;
import io.tenure.configuration.YamlConfigurationLoader;
import io.tenure.connector.scim.ScimTestServer;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.audit.AuditVerification;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.configuration.TenureHome;
import io.tenure.engine.provisioning.ImportAndApply;
import io.tenure.engine.provisioning.Provisioning;
import io.tenure.engine.provisioning.Provisioning.Scope;
import io.tenure.server.TenureApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * A SCIM application that misbehaves for a while costs nothing: Tenure (in this JVM, on a fresh
 * database of the machine's PostgreSQL) applies the joiners of an HR file to a SCIM target whose
 * peer (an in-JVM provider) answers its first requests, in a random order, with 429 and {@code
 * Retry-After}, with 500, and with answers that come after the connector's read time-out (the
 * change made, the answer late). Then the apply completes: every operation succeeded and none is
 * parked, every person has exactly one User on the peer (a create that timed out after it was made
 * is recognised, never repeated as a second User), every User is in its group, and the audit chain
 * is intact.
 */
class ScimPeerFaultsIT {

  private static final int PEOPLE = Integer.getInteger("tenure.it.scimfaults.people", 40);
  private static final long SEED = Long.getLong("tenure.it.scimfaults.seed", 20261206L);
  private static final String ENTERPRISE =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  @Test
  void everythingCompletesOnceAfterThePeerAnswered429And500AndTooLate() throws Exception {
    String database = "tenure_scimfaults_" + UUID.randomUUID().toString().replace("-", "");
    Path folder = Files.createTempDirectory("tenure-scim-faults");
    try (ScimTestServer peer = ScimTestServer.start()) {
      createDatabase(database);
      peer.failNext(12, 429, "1");
      peer.failNext(12, 500, null);
      peer.slowNext(6, Duration.ofMillis(1_500));
      peer.shuffleFaults(new Random(SEED));
      Files.writeString(folder.resolve("people.csv"), people());
      Files.writeString(folder.resolve("tenure.yaml"), configuration(database, peer.baseUrl()));
      TenureConfiguration configuration =
          YamlConfigurationLoader.withSystemEnvironment().load(folder.resolve("tenure.yaml"));
      TenureLaunch launch =
          new TenureLaunch(
              new TenureHome(folder.resolve("home")), configuration, Clock.systemUTC());
      try (ConfigurableApplicationContext context = TenureApplication.start(launch)) {
        Provisioning provisioning = context.getBean(Provisioning.class);
        long started = System.nanoTime();
        ImportAndApply applied =
            provisioning.importAndApply(
                provisioning.sources(null, null), Scope.EVERYBODY, "test", "apply");
        System.out.printf(
            "ScimPeerFaultsIT: applied through the faults in %d ms%n",
            Duration.ofNanos(System.nanoTime() - started).toMillis());
        assertThat(applied.applied()).isNotNull();
        assertThat(peer.faultsLeft()).as("every fault was injected").isZero();

        JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
        Map<String, Long> states = new TreeMap<>();
        jdbc.query(
            "select state, count(*) from operations group by state",
            (ResultSet row) -> {
              states.put(row.getString(1), row.getLong(2));
            });
        assertThat(states).as("operations by state").containsOnlyKeys("SUCCEEDED");
        assertThat(states.get("SUCCEEDED")).isEqualTo(2L * PEOPLE);
        Map<String, Long> failures = new TreeMap<>();
        jdbc.query(
            "select coalesce(error_kind, outcome), count(*) from operation_attempts"
                + " where outcome <> 'SUCCEEDED' group by 1",
            (ResultSet row) -> {
              failures.put(row.getString(1), row.getLong(2));
            });
        System.out.printf("ScimPeerFaultsIT: failed attempts by kind %s%n", failures);
        assertThat(failures)
            .as("429 and 500 made attempts fail, to be retried")
            .containsKey("BUSY");
        assertThat(
                jdbc.queryForObject(
                    "select count(*) from operations o where (select count(*)"
                        + " from operation_attempts a where a.operation_id = o.id"
                        + " and a.outcome = 'SUCCEEDED') <> 1",
                    Long.class))
            .as("operations without exactly one successful attempt")
            .isZero();

        Map<String, Integer> users = usersByEmployeeNumber(peer);
        assertThat(users.keySet()).as("every person has a User").hasSize(PEOPLE);
        assertThat(users.values()).as("no User created twice").allMatch(count -> count == 1);
        assertThat(peer.store().userCount()).isEqualTo(PEOPLE);
        assertThat(staffMembers(peer)).hasSize(PEOPLE);

        AuditVerification audit = context.getBean(AuditLog.class).verify();
        assertThat(audit.problems()).isEmpty();
        assertThat(audit.intact()).isTrue();
      }
    } finally {
      dropDatabase(database);
      FileSystemUtils.deleteRecursively(folder);
    }
  }

  private static String people() {
    StringBuilder csv =
        new StringBuilder(
            "employee_id,first_name,last_name,email,department,status,hire_date,termination_date\n");
    for (int index = 1; index <= PEOPLE; index++) {
      csv.append(
          String.format(
              "S%04d,Sam,Peer%d,s%d@example.com,Sales,active,2024-01-01,%n", index, index, index));
    }
    return csv.toString();
  }

  private static String configuration(String database, String peerUrl) {
    String postgres = QueueScenario.POSTGRES_URL;
    return """
        store:
          url: %s
          username: %s
        queue:
          workers: 4
          retry: { baseDelay: PT0.2S, maxDelay: PT2S }
          outage: { probeDelay: PT0.2S, maxProbeDelay: PT1S }
        sources:
          hr:
            type: csv
            file: people.csv
            key: employeeId
            attributes: { employeeId: employee_id, givenName: first_name,
                          familyName: last_name, email: email, department: department }
            requiredAttributes: [employeeId]
            lifecycle: { status: status, startDate: hire_date, endDate: termination_date }
        targets:
          crm:
            type: scim
            url: %s
            username: employeeId
            attributes:
              name.givenName: givenName
              name.familyName: familyName
              emails.work: email
              "%s:employeeNumber": employeeId
            groups: { create: true }
            bulk: never
            timeout: { readMillis: 1000 }
            retry: { maxAttempts: 2, maxWaitSeconds: 5 }
        roles:
          staff: { entitlements: { crm: [staff] } }
        rules:
          - { name: everyone, when: "true", grant: [staff] }
        """
        .formatted(
            postgres.substring(0, postgres.lastIndexOf('/') + 1) + database,
            QueueScenario.POSTGRES_USER,
            peerUrl,
            ENTERPRISE);
  }

  /** The peer's Users: employeeNumber to how many Users carry it. */
  private static Map<String, Integer> usersByEmployeeNumber(ScimTestServer peer) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Map<String, Integer> users = new TreeMap<>();
    for (String text : peer.store().usersJson()) {
      JsonNode user = json.readTree(text);
      users.merge(user.path(ENTERPRISE).path("employeeNumber").asText(""), 1, Integer::sum);
    }
    return users;
  }

  /** The ids of the members of the peer's Group {@code staff}. */
  private static Set<String> staffMembers(ScimTestServer peer) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Set<String> members = new TreeSet<>();
    int groups = 0;
    for (String text : peer.store().groupsJson()) {
      JsonNode group = json.readTree(text);
      if (group.path("displayName").asText().equals("staff")) {
        groups++;
        group.path("members").forEach(member -> members.add(member.path("value").asText()));
      }
    }
    assertThat(groups).as("one Group staff").isEqualTo(1);
    return members;
  }

  private static void createDatabase(String database) throws Exception {
    try (Connection connection = postgres("postgres");
        Statement statement = connection.createStatement()) {
      statement.execute("create database " + database);
    }
  }

  private static void dropDatabase(String database) throws Exception {
    try (Connection connection = postgres("postgres");
        Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists " + database + " with (force)");
    }
  }

  private static Connection postgres(String name) throws Exception {
    String url = QueueScenario.POSTGRES_URL;
    return DriverManager.getConnection(
        url.substring(0, url.lastIndexOf('/') + 1) + name, QueueScenario.POSTGRES_USER, "");
  }
}
