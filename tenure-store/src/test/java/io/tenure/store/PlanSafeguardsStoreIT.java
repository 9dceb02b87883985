package io.tenure.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.core.identity.Employment;
import io.tenure.core.identity.EmploymentStatus;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.core.source.RecordLocation;
import io.tenure.engine.ingest.ManagerReferences.UnknownManager;
import io.tenure.engine.ingest.SourceSnapshot;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The store's side of issue 16 on the shared PostgreSQL, in a database made for this class: source
 * snapshots (V30), unknown managers and the warnings kept about people (V31), the store's
 * fingerprint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanSafeguardsStoreIT {

  private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private final String database = "tenure_it_" + UUID.randomUUID().toString().replace("-", "");
  private com.zaxxer.hikari.HikariDataSource dataSource;
  private JdbcStore store;

  @BeforeAll
  void setUp() throws Exception {
    try (Connection connection = ScratchDatabase.connect("postgres").getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("create database " + database);
    }
    dataSource = new com.zaxxer.hikari.HikariDataSource();
    dataSource.setJdbcUrl(ScratchDatabase.connect(database).getUrl());
    dataSource.setUsername(ScratchDatabase.connect(database).getUser());
    dataSource.setMaximumPoolSize(2);
    JdbcStore.migrate(dataSource);
    store = JdbcStore.create(dataSource, CLOCK);
  }

  @AfterAll
  void tearDown() throws Exception {
    if (dataSource != null) {
      dataSource.close();
    }
    try (Connection connection = ScratchDatabase.connect("postgres").getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists " + database + " with (force)");
    }
  }

  private static Identity person(String id, String employeeId, String managerId) {
    return new Identity(
        new IdentityId(id),
        LifecycleState.ACTIVE,
        Map.of("employeeId", employeeId, "managerId", managerId),
        new Employment(EmploymentStatus.ACTIVE, LocalDate.of(2026, 1, 5), null),
        Map.of());
  }

  @Test
  void snapshotsUnknownManagersWarningsAndTheFingerprint() {
    JdbcSourceSnapshots snapshots = new JdbcSourceSnapshots(dataSource);
    assertThat(snapshots.last("hr")).isEmpty();
    SourceSnapshot first =
        new SourceSnapshot("hr", "/data/v2.csv", "ab".repeat(32), 13, NOW.minusSeconds(60), NOW);
    snapshots.record(first);
    snapshots.record(first);
    assertThat(snapshots.last("hr")).contains(first);

    JdbcStoreFingerprint fingerprint = new JdbcStoreFingerprint(dataSource);
    String empty = fingerprint.fingerprint();
    assertThat(fingerprint.fingerprint()).as("stable").isEqualTo(empty);
    store.transactions().run(() -> store.identities().save(person("id-boss", "E1", "")));
    store.transactions().run(() -> store.identities().save(person("id-ann", "E2", "E1")));
    store.transactions().run(() -> store.identities().save(person("id-bob", "E3", "E9999")));
    String withPeople = fingerprint.fingerprint();
    assertThat(withPeople).isNotEqualTo(empty);
    store
        .transactions()
        .run(() -> store.identities().save(person("id-bob", "E3", "E9999").withUsername("d", "b")));
    assertThat(fingerprint.fingerprint()).as("a username changes it").isNotEqualTo(withPeople);

    new JdbcSourceRecordLocations(dataSource, CLOCK)
        .remember("hr", Map.of(new IdentityId("id-bob"), new RecordLocation("people.csv", 4)));
    JdbcManagerReferences managers = new JdbcManagerReferences(dataSource, CLOCK);
    List<IdentityId> everybody =
        List.of(new IdentityId("id-boss"), new IdentityId("id-ann"), new IdentityId("id-bob"));
    assertThat(managers.unknownManagers("hr", "managerId", "employeeId", everybody))
        .containsExactly(new UnknownManager(new IdentityId("id-bob"), "E9999", "people.csv:4"));

    managers.replaceWarnings(
        "hr", everybody, Map.of(new IdentityId("id-bob"), List.of("people.csv:4: manager ...")));
    assertThat(managers.warningsOf(new IdentityId("id-bob")))
        .containsExactly("people.csv:4: manager ...");
    managers.replaceWarnings("hr", everybody, Map.of());
    assertThat(managers.warningsOf(new IdentityId("id-bob"))).as("resolved: forgotten").isEmpty();
  }
}
