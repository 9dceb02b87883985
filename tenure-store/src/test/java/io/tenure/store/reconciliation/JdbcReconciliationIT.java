package io.tenure.store.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.tenure.core.account.KnownAccount;
import io.tenure.core.account.TargetId;
import io.tenure.core.identity.Employment;
import io.tenure.core.identity.EmploymentStatus;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.engine.reconciliation.Finding;
import io.tenure.engine.reconciliation.FindingAction;
import io.tenure.engine.reconciliation.FindingQuery;
import io.tenure.engine.reconciliation.Situation;
import io.tenure.store.JdbcStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The findings table and the reconciliation reads on the machine's PostgreSQL. */
class JdbcReconciliationIT {

  private static final TargetId DIRECTORY = new TargetId("directory");
  private final String database = "tenure_it_" + UUID.randomUUID().toString().replace("-", "");
  private final String url =
      System.getProperty("tenure.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
  private HikariDataSource dataSource;
  private JdbcStore store;

  @BeforeEach
  void createDatabase() throws Exception {
    try (Connection connection = DriverManager.getConnection(url, "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute("create database " + database);
    }
    dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(url.substring(0, url.lastIndexOf('/') + 1) + database);
    dataSource.setUsername("postgres");
    JdbcStore.migrate(dataSource);
    store = JdbcStore.create(dataSource, Clock.systemUTC());
  }

  @AfterEach
  void dropDatabase() throws Exception {
    dataSource.close();
    try (Connection connection = DriverManager.getConnection(url, "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists " + database + " with (force)");
    }
  }

  private Identity person(String id, String employeeId, String department) {
    return new Identity(
        new IdentityId(id),
        LifecycleState.ACTIVE,
        Map.of("employeeId", employeeId, "department", department),
        new Employment(EmploymentStatus.ACTIVE, LocalDate.of(2024, 1, 1), null),
        Map.of("directory", "user-" + id));
  }

  @Test
  void batchReadsFindIdentitiesAndAccountsByNamesAndValues() {
    store
        .transactions()
        .run(
            () -> {
              store.identities().save(person("a", "E1", "Sales"));
              store.identities().save(person("b", "E2", "Sales"));
              store.identities().save(person("c", "E3", "Engineering"));
              store
                  .accounts()
                  .save(
                      new KnownAccount(
                          DIRECTORY,
                          "user-a",
                          "uid=user-a",
                          new IdentityId("a"),
                          Map.of("cn", "A"),
                          true,
                          Set.of("staff"),
                          null));
            });
    JdbcReconciliationStore reads = new JdbcReconciliationStore(JdbcClient.create(dataSource));

    assertThat(reads.knownAccounts(DIRECTORY, List.of("user-a", "user-x")))
        .containsOnlyKeys("user-a");
    assertThat(reads.knownAccounts(DIRECTORY, List.of("user-a")).get("user-a").entitlements())
        .containsExactly("staff");
    assertThat(reads.identitiesByUsername(DIRECTORY, List.of("user-b", "nobody")))
        .containsExactly(Map.entry("user-b", new IdentityId("b")));
    assertThat(reads.identitiesByAttribute("department", List.of("Sales", "Legal")))
        .containsExactly(Map.entry("Sales", List.of(new IdentityId("a"), new IdentityId("b"))));
    assertThat(reads.identities(List.of(new IdentityId("c"), new IdentityId("z"))))
        .extracting(Identity::id)
        .containsExactly(new IdentityId("c"));
    assertThat(reads.identitiesAfter(null, 2))
        .extracting(identity -> identity.id().value())
        .containsExactly("a", "b");
    assertThat(reads.identitiesAfter(new IdentityId("b"), 2))
        .extracting(identity -> identity.id().value())
        .containsExactly("c");
    assertThat(reads.knownAccountsAfter(DIRECTORY, "user-a", 10)).isEmpty();
  }

  @Test
  void findingsAreStoredUpdatedQueriedAndCleared() {
    JdbcFindingRepository findings = new JdbcFindingRepository(new JdbcTemplate(dataSource));
    Instant now = Instant.parse("2026-03-02T10:15:30.123456Z");
    Finding leaver =
        new Finding(
            DIRECTORY,
            "jdoe",
            Situation.DRIFTED,
            new IdentityId("a"),
            LifecycleState.TERMINATED,
            true,
            List.of("disable directory/jdoe"),
            "owned by identity a",
            FindingAction.PLANNED,
            now);
    Finding orphan =
        new Finding(
            DIRECTORY,
            "ghost",
            Situation.ORPHAN,
            null,
            null,
            true,
            List.of(),
            "no identity",
            FindingAction.NONE,
            now);
    store.transactions().run(() -> findings.saveAll(List.of(leaver, orphan)));

    assertThat(findings.count(FindingQuery.all())).isEqualTo(2);
    assertThat(findings.count(FindingQuery.terminatedWithEnabledAccounts(DIRECTORY))).isEqualTo(1);
    try (Stream<Finding> all = findings.stream(FindingQuery.all())) {
      assertThat(all.toList()).containsExactly(orphan, leaver);
    }

    findings.updateActions(DIRECTORY, Map.of("jdoe", FindingAction.FIXED));
    assertThat(findings.count(FindingQuery.terminatedWithEnabledAccounts(null))).isZero();
    try (Stream<Finding> drifted =
        findings.stream(FindingQuery.all().inSituation(Situation.DRIFTED))) {
      assertThat(drifted.toList()).containsExactly(leaver.withAction(FindingAction.FIXED));
    }

    findings.clear(DIRECTORY);
    assertThat(findings.count(FindingQuery.all())).isZero();
  }
}
