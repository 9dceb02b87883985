package io.tenure.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.core.identity.Employment;
import io.tenure.core.identity.EmploymentStatus;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.core.policy.RoleName;
import io.tenure.engine.assignment.Assignment;
import io.tenure.engine.assignment.AssignmentId;
import io.tenure.engine.assignment.AssignmentOrigin;
import io.tenure.engine.assignment.AssignmentRepository;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
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
 * Assignments on the machine's PostgreSQL, in a database made for this class: what is active at an
 * instant (the window is [from, until)), what has lapsed, ending once, lookups by origin.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssignmentStoreIT {

  private static final Instant NOW = Instant.parse("2026-03-01T09:30:00Z");

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
    dataSource.setMaximumPoolSize(3);
    JdbcStore.migrate(dataSource);
    store = JdbcStore.create(dataSource, Clock.fixed(NOW, ZoneOffset.UTC));
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

  @Test
  void assignmentsAreActiveInTheirWindowLapseAndEndOnce() {
    IdentityId alice = person("a-1", "E1001");
    IdentityId bob = person("a-2", "E1002");
    AssignmentRepository repository = store.assignments();
    Instant until = NOW.plus(Duration.ofDays(10));
    Assignment vpn =
        Assignment.granted(
            new AssignmentId("as-1"),
            alice,
            RoleName.of("vpn"),
            AssignmentOrigin.request("R-1"),
            NOW,
            until,
            "person:E1100",
            NOW);
    Assignment later =
        Assignment.granted(
            new AssignmentId("as-2"),
            bob,
            RoleName.of("finance"),
            AssignmentOrigin.exception("R-2"),
            NOW.plus(Duration.ofDays(1)),
            null,
            "cli:root",
            NOW);
    repository.insert(vpn);
    repository.insert(later);
    assertThatThrownBy(() -> repository.insert(vpn)).isInstanceOf(IllegalStateException.class);

    assertThat(repository.find(vpn.id())).contains(vpn);
    assertThat(repository.activeFor(List.of(alice, bob), NOW)).containsExactly(vpn);
    assertThat(repository.active(NOW.plus(Duration.ofDays(2))))
        .filteredOn(each -> List.of(alice, bob).contains(each.identity()))
        .extracting(Assignment::id)
        .containsExactly(vpn.id(), later.id());
    assertThat(repository.activeFor(List.of(alice), until)).as("until is exclusive").isEmpty();
    assertThat(repository.lapsedBy(until.minusSeconds(1))).isEmpty();
    assertThat(repository.lapsedBy(until)).containsExactly(vpn);
    assertThat(repository.withOrigin(AssignmentOrigin.exception("R-2"))).containsExactly(later);
    assertThat(repository.withOrigin(AssignmentOrigin.request("R-2"))).isEmpty();

    assertThat(repository.end(vpn.id(), until, "schedule:access-end", "ended on " + until))
        .isTrue();
    assertThat(repository.end(vpn.id(), until, "again", "again")).isFalse();
    Assignment ended = repository.find(vpn.id()).orElseThrow();
    assertThat(ended.endedAt()).isEqualTo(until);
    assertThat(ended.endedBy()).isEqualTo("schedule:access-end");
    assertThat(repository.lapsedBy(until.plusSeconds(60))).isEmpty();
    assertThat(repository.of(alice)).containsExactly(ended);
  }

  @Test
  void requestsKeepTheirStepApproversDeadlinesAndHistory() {
    IdentityId carol = person("r-1", "E3001");
    io.tenure.governance.request.RequestRepository requests = store.requests();
    io.tenure.governance.request.RequestId id = requests.nextId();
    assertThat(requests.nextId()).isNotEqualTo(id);
    io.tenure.governance.request.AccessRequest pending =
        new io.tenure.governance.request.AccessRequest(
            id,
            carol,
            "E3001",
            RoleName.of("vpn"),
            "person:E3100",
            "E3100",
            "remote work",
            NOW.plus(Duration.ofDays(30)),
            io.tenure.governance.request.RequestState.PENDING,
            List.of("manager", "owner"),
            0,
            List.of("E3200", "E3300"),
            NOW.plus(Duration.ofDays(3)),
            false,
            null,
            null,
            "E3100",
            NOW,
            NOW,
            "");
    requests.insert(pending);
    requests.appendEvent(
        id,
        new io.tenure.governance.request.RequestEvent(NOW, "person:E3100", "submitted", "", "x"));

    assertThat(requests.find(id)).contains(pending);
    assertThat(requests.list(null, "E3300", null, 10)).containsExactly(pending);
    assertThat(requests.list(io.tenure.governance.request.RequestState.APPROVED, null, null, 10))
        .isEmpty();
    assertThat(requests.list(null, null, "E3001", 10)).containsExactly(pending);
    assertThat(requests.dueBy(NOW.plus(Duration.ofDays(3)))).containsExactly(pending);
    assertThat(requests.dueBy(NOW)).isEmpty();

    Assignment granted =
        Assignment.granted(
            new AssignmentId("as-r-1"),
            carol,
            RoleName.of("vpn"),
            AssignmentOrigin.request(id.value()),
            NOW,
            null,
            "person:E3300",
            NOW);
    store.assignments().insert(granted);
    io.tenure.governance.request.AccessRequest approved =
        pending.approved(granted.id(), "E3100", NOW.plusSeconds(5), "approved");
    requests.update(approved);
    requests.appendEvent(
        id,
        new io.tenure.governance.request.RequestEvent(
            NOW, "person:E3300", "approved", "owner", ""));

    assertThat(requests.find(id)).contains(approved);
    assertThat(requests.granted()).containsExactly(approved);
    assertThat(requests.dueBy(NOW.plus(Duration.ofDays(30)))).isEmpty();
    assertThat(requests.events(id))
        .extracting(io.tenure.governance.request.RequestEvent::action)
        .containsExactly("submitted", "approved");
  }

  private IdentityId person(String id, String employeeId) {
    store
        .identities()
        .save(
            new Identity(
                new IdentityId(id),
                LifecycleState.ACTIVE,
                Map.of("employeeId", employeeId),
                new Employment(EmploymentStatus.ACTIVE, LocalDate.of(2026, 1, 5), null),
                Map.of()));
    return new IdentityId(id);
  }
}
