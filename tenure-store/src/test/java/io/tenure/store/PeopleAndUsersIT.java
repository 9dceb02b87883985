package io.tenure.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.core.identity.Employment;
import io.tenure.core.identity.EmploymentStatus;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.engine.access.AccessRole;
import io.tenure.engine.access.ApiToken;
import io.tenure.engine.access.LocalUser;
import io.tenure.engine.access.TokenScope;
import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditQuery;
import io.tenure.engine.audit.AuditRecord;
import io.tenure.engine.people.PersonPage;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The stores of people logging in and of what the console shows, on the machine's PostgreSQL in a
 * database made for this class: users and their login failures, tokens bound to a user, person
 * search with its cursor, audit search by person, actor, action and period.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeopleAndUsersIT {

  private static final Instant NOW = Instant.parse("2026-03-01T09:30:00Z");

  private final String database = "tenure_it_" + UUID.randomUUID().toString().replace("-", "");
  private com.zaxxer.hikari.HikariDataSource dataSource;
  private JdbcStore store;
  private java.nio.file.Path checkpoints;

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
    checkpoints = java.nio.file.Files.createTempDirectory("tenure-people-it");
    store =
        JdbcStore.create(
            dataSource,
            Clock.fixed(NOW, ZoneOffset.UTC),
            AuditSealing.of(
                "0123456789abcdef0123456789abcdef".getBytes(),
                checkpoints.resolve("audit.checkpoint")));
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
    org.springframework.util.FileSystemUtils.deleteRecursively(checkpoints);
  }

  private Identity person(String id, String given, String family, String employeeId) {
    return new Identity(
        new IdentityId(id),
        LifecycleState.ACTIVE,
        Map.of(
            "employeeId",
            employeeId,
            "givenName",
            given,
            "familyName",
            family,
            "email",
            given.toLowerCase() + "." + family.toLowerCase() + "@example.com"),
        new Employment(EmploymentStatus.ACTIVE, LocalDate.of(2026, 1, 5), null),
        Map.of("directory", (given.charAt(0) + family).toLowerCase()));
  }

  @Test
  void usersKeepTheirPasswordHashRolesPersonFailuresAndLocks() {
    JdbcUserRepository users = new JdbcUserRepository(dataSource);
    store.identities().save(person("u-1", "Grace", "Hopper", "E9"));
    LocalUser grace =
        new LocalUser(
            "grace",
            "Grace Hopper",
            EnumSet.of(AccessRole.OPERATOR, AccessRole.AUDITOR),
            new IdentityId("u-1"),
            NOW,
            null);
    users.insert(grace, "$2a$10$hash");
    assertThatThrownBy(() -> users.insert(grace, "x")).isInstanceOf(IllegalStateException.class);
    var stored = users.find("grace").orElseThrow();
    assertThat(stored.user()).isEqualTo(grace);
    assertThat(stored.passwordHash()).isEqualTo("$2a$10$hash");
    assertThat(stored.failures()).isZero();
    assertThat(users.anyEnabledAdmin()).isFalse();

    users.recordFailures("grace", 5, NOW.plusSeconds(900));
    assertThat(users.find("grace").orElseThrow().failures()).isEqualTo(5);
    assertThat(users.find("grace").orElseThrow().lockedUntil()).isEqualTo(NOW.plusSeconds(900));
    users.recordFailures("grace", 0, null);
    assertThat(users.find("grace").orElseThrow().lockedUntil()).isNull();

    users.insert(new LocalUser("root", "Root", EnumSet.of(AccessRole.ADMIN), null, NOW, null), "h");
    assertThat(users.anyEnabledAdmin()).isTrue();
    assertThat(users.disable("root", NOW)).isTrue();
    assertThat(users.disable("root", NOW)).isFalse();
    assertThat(users.anyEnabledAdmin()).isFalse();
    assertThat(users.list()).extracting(LocalUser::username).containsExactly("grace", "root");

    JdbcTokenRepository tokens = new JdbcTokenRepository(dataSource);
    tokens.insert(new ApiToken("t1", "ci", TokenScope.ADMIN, NOW, null, "grace"), "hash");
    assertThat(tokens.find("t1").orElseThrow().token().user()).isEqualTo("grace");
  }

  @Test
  void personSearchFindsByNameEmployeeIdEmailOrUsernameAPageAtATime() {
    JdbcPersonSearch search = new JdbcPersonSearch(dataSource, store.identities());
    List<String> families = List.of("Zorn", "Abel", "Moser", "Moss", "Mosby", "Klein", "Mosley");
    for (int index = 0; index < families.size(); index++) {
      store.identities().save(person("s-" + index, "Sam", families.get(index), "S" + index));
    }
    List<String> found = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      PersonPage page = search.search("mos", cursor, 2);
      page.people().forEach(identity -> found.add(identity.attributes().get("familyName")));
      cursor = page.next();
      pages++;
    } while (cursor != null);
    assertThat(found).containsExactly("Mosby", "Moser", "Mosley", "Moss");
    assertThat(pages).isEqualTo(2);
    assertThat(search.search("S3", null, 10).people())
        .extracting(identity -> identity.attributes().get("familyName"))
        .containsExactly("Moss");
    assertThat(search.search("sam.klein@", null, 10).people()).hasSize(1);
    assertThat(search.search("szorn", null, 10).people()).hasSize(1);
    assertThat(search.search("sam zo", null, 10).people()).hasSize(1);
    assertThat(search.search("100%_", null, 10).people()).isEmpty();
    assertThat(search.countByState().get(LifecycleState.ACTIVE)).isGreaterThanOrEqualTo(7);
    assertThatThrownBy(() -> search.search("", "***", 10))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void auditSearchByPersonActorActionAndPeriod() {
    var audit = store.auditLog();
    store
        .transactions()
        .run(
            () -> {
              audit.append(event(NOW, "hr-import:hr", "identity.joiner", "identity p-1", Map.of()));
              audit.append(
                  event(
                      NOW.plusSeconds(60),
                      "cli:root",
                      "operation.succeeded",
                      "directory/pone",
                      Map.of("owner", "p-1")));
              audit.append(
                  event(NOW.plusSeconds(120), "user:grace", "plan.rejected", "plan x", Map.of()));
              audit.append(
                  event(
                      NOW.plusSeconds(180),
                      "user:grace",
                      "identity.mover",
                      "identity p-2",
                      Map.of()));
            });
    assertThat(actions(audit.search(new AuditQuery("p-1", null, null, null, null, null, 10))))
        .containsExactly("operation.succeeded", "identity.joiner");
    assertThat(actions(audit.search(new AuditQuery(null, "GRACE", null, null, null, null, 10))))
        .containsExactly("identity.mover", "plan.rejected");
    assertThat(actions(audit.search(new AuditQuery(null, null, "identity.", null, null, null, 10))))
        .containsExactly("identity.mover", "identity.joiner");
    assertThat(
            actions(
                audit.search(
                    new AuditQuery(
                        null, null, null, NOW.plusSeconds(60), NOW.plusSeconds(180), null, 10))))
        .containsExactly("plan.rejected", "operation.succeeded");
    List<AuditRecord> newest = audit.search(new AuditQuery(null, null, null, null, null, null, 2));
    assertThat(
            actions(
                audit.search(
                    new AuditQuery(null, null, null, null, null, newest.get(1).sequence(), 10))))
        .containsExactly("operation.succeeded", "identity.joiner");
  }

  private static AuditEvent event(
      Instant at, String actor, String action, String subject, Map<String, String> details) {
    return new AuditEvent(at, actor, action, subject, "test", "success", details);
  }

  private static List<String> actions(List<AuditRecord> records) {
    return records.stream().map(record -> record.event().action()).toList();
  }
}
