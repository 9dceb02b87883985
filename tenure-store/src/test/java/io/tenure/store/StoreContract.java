package io.tenure.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.zaxxer.hikari.HikariDataSource;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.core.account.KnownAccount;
import io.tenure.core.account.TargetId;
import io.tenure.core.identity.Employment;
import io.tenure.core.identity.EmploymentStatus;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.core.plan.Plan;
import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditRecord;
import io.tenure.engine.audit.AuditVerification;
import io.tenure.engine.execution.OperationAttempt;
import io.tenure.engine.execution.OperationSamples;
import io.tenure.engine.execution.OperationState;
import io.tenure.engine.execution.PlanId;
import io.tenure.engine.execution.StoredOperation;
import io.tenure.engine.execution.StoredPlan;
import io.tenure.engine.provisioning.PlanningBacklog;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The behaviour every PostgreSQL the store runs on must show; subclasses provide the database (the
 * embedded server, the machine's server).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContract {

  private static final Instant NOW = Instant.parse("2026-03-01T09:30:00.123456789Z");

  protected DataSource dataSource;
  protected JdbcStore store;
  private JdbcTemplate jdbc;

  private static final byte[] AUDIT_KEY = "0123456789abcdef0123456789abcdef".getBytes();

  private java.nio.file.Path checkpoints;
  private AuditSealing sealing;

  /** A fresh, empty database for this test class. */
  protected abstract DataSource openDatabase() throws Exception;

  /** A connection pool, as the application uses. */
  protected static DataSource pooled(String url, String username, String password) {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(url);
    pool.setUsername(username);
    pool.setPassword(password);
    pool.setMaximumPoolSize(5);
    return pool;
  }

  /** Releases what {@link #openDatabase()} took. */
  protected abstract void closeDatabase() throws Exception;

  @BeforeAll
  void setUp() throws Exception {
    dataSource = openDatabase();
    JdbcStore.migrate(dataSource);
    checkpoints = java.nio.file.Files.createTempDirectory("tenure-audit-checkpoint");
    sealing = AuditSealing.of(AUDIT_KEY, checkpoints.resolve("audit.checkpoint"));
    store = JdbcStore.create(dataSource, Clock.fixed(NOW, ZoneOffset.UTC), sealing);
    jdbc = new JdbcTemplate(dataSource);
  }

  @AfterAll
  void tearDown() throws Exception {
    if (dataSource instanceof AutoCloseable closeable) {
      closeable.close();
    }
    closeDatabase();
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  private static Identity person(String id, String employeeId, Map<String, String> usernames) {
    return new Identity(
        new IdentityId(id),
        LifecycleState.ACTIVE,
        Map.of("employeeId", employeeId, "givenName", "Ada", "department", "Engineering"),
        new Employment(EmploymentStatus.ACTIVE, LocalDate.of(2026, 1, 5), null),
        usernames);
  }

  /**
   * The usernames and the backlog name only stored identities (checked once per statement, V84),
   * and removing an identity removes both.
   */
  @Test
  void usernamesAndTheBacklogNameOnlyStoredIdentitiesAndGoWithThem() {
    PlanningBacklog backlog = store.planningBacklog();
    store.transactions().run(backlog::clear);
    IdentityId ada = new IdentityId(unique("id"));
    IdentityId nobody = new IdentityId(unique("nobody"));
    store.identities().save(person(ada.value(), unique("E"), Map.of("directory", unique("ada"))));
    store.transactions().run(() -> backlog.add(List.of(ada)));

    assertThatThrownBy(() -> store.transactions().run(() -> backlog.add(List.of(ada, nobody))))
        .hasMessageContaining("identities_to_plan names an identity that does not exist");
    assertThatThrownBy(
            () ->
                jdbc.update(
                    "insert into identity_usernames (identity_id, target, username)"
                        + " values (?, 'directory', ?)",
                    nobody.value(),
                    unique("nobody")))
        .hasMessageContaining("identity_usernames names an identity that does not exist");
    assertThatThrownBy(
            () ->
                jdbc.update(
                    "update identity_usernames set identity_id = ? where identity_id = ?",
                    nobody.value(),
                    ada.value()))
        .hasMessageContaining("identity_usernames names an identity that does not exist");
    assertThat(usernamesOf(ada)).isEqualTo(1);

    jdbc.update("delete from identities where id = ?", ada.value());
    assertThat(usernamesOf(ada)).isZero();
    assertThat(store.transactions().inTransaction(backlog::take)).doesNotContain(ada);
  }

  private long usernamesOf(IdentityId identity) {
    return jdbc.queryForObject(
        "select count(*) from identity_usernames where identity_id = ?",
        Long.class,
        identity.value());
  }

  @Test
  void theBacklogKeepsIdentitiesOnceUntilACommittedTransactionTakesThem() {
    PlanningBacklog backlog = store.planningBacklog();
    store.transactions().run(backlog::clear);
    IdentityId ada = new IdentityId(unique("id"));
    IdentityId grace = new IdentityId(unique("id"));
    store.identities().save(person(ada.value(), unique("E"), Map.of()));
    store.identities().save(person(grace.value(), unique("E"), Map.of()));
    store.transactions().run(() -> backlog.add(List.of(grace, ada)));
    store.transactions().run(() -> backlog.add(List.of(ada)));

    assertThatThrownBy(
            () ->
                store
                    .transactions()
                    .run(
                        () -> {
                          assertThat(backlog.take()).containsExactlyInAnyOrder(ada, grace);
                          throw new IllegalStateException("the plan was not stored");
                        }))
        .hasMessage("the plan was not stored");
    assertThat(store.transactions().inTransaction(backlog::take))
        .as("still waiting after the rollback, once each")
        .containsExactlyInAnyOrder(ada, grace);
    assertThat(store.transactions().inTransaction(backlog::take)).isEmpty();

    store.transactions().run(() -> backlog.add(List.of(ada)));
    store.transactions().run(backlog::clear);
    assertThat(store.transactions().inTransaction(backlog::take)).isEmpty();
    assertThatThrownBy(
            () ->
                store
                    .transactions()
                    .run(() -> backlog.add(List.of(new IdentityId(unique("nobody"))))))
        .as("only stored identities wait")
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void identitiesAreSavedFoundAndReplaced() {
    String target = unique("directory");
    String id = unique("id");
    String employeeId = unique("E");
    Identity ada = person(id, employeeId, Map.of(target, "alovelace"));
    store.identities().save(ada);

    assertThat(store.identities().find(new IdentityId(id))).contains(ada);
    assertThat(store.identities().findByAttribute("employeeId", employeeId))
        .containsExactly(new IdentityId(id));
    assertThat(store.identities().findByAttribute("employeeId", employeeId + "x")).isEmpty();
    assertThat(store.identities().isUsernameTaken(new TargetId(target), "alovelace")).isTrue();

    Identity left =
        ada.withState(LifecycleState.TERMINATED)
            .withEmployment(
                new Employment(
                    EmploymentStatus.TERMINATED,
                    LocalDate.of(2026, 1, 5),
                    LocalDate.of(2026, 2, 28)))
            .withUsername(target, "ada")
            .withUsername(unique("mail"), "ada.lovelace");
    store.identities().save(left);

    assertThat(store.identities().find(new IdentityId(id))).contains(left);
    assertThat(store.identities().isUsernameTaken(new TargetId(target), "alovelace")).isFalse();
    assertThat(store.identities().isUsernameTaken(new TargetId(target), "ada")).isTrue();
    assertThat(store.identities().find(new IdentityId(unique("absent")))).isEmpty();
  }

  @Test
  void identitiesHoldingAnyOfManyValuesAreReadAtOnceAndManyAreSavedAtOnce() {
    String target = unique("directory");
    String first = unique("id");
    String second = unique("id");
    String third = unique("id");
    String firstEmployee = unique("E");
    String secondEmployee = unique("E");
    String thirdEmployee = unique("E");
    Identity one = person(first, firstEmployee, Map.of(target, "one"));
    Identity two = person(second, secondEmployee, Map.of(target, "two"));
    Identity three = person(third, thirdEmployee, Map.of());
    store.identities().saveAll(List.of(one, two, three));

    Map<IdentityId, Identity> found =
        store
            .transactions()
            .inTransaction(
                () ->
                    store
                        .identities()
                        .findHoldingAny(
                            Map.of(
                                "employeeId",
                                List.of(firstEmployee, thirdEmployee, unique("E")),
                                "email",
                                List.of("nobody@example.com"))));
    assertThat(found).containsOnlyKeys(new IdentityId(first), new IdentityId(third));
    assertThat(found.get(new IdentityId(first))).isEqualTo(one);
    assertThat(store.identities().usernamesTaken(new TargetId(target), List.of("one", "x", "two")))
        .containsExactlyInAnyOrder("one", "two");

    // several versions of one identity in a batch: the last is kept, names included
    Identity renamed = two.withUsername(target, "deux");
    Identity renamedAgain = renamed.withUsername(unique("mail"), "two.mail");
    store.identities().saveAll(List.of(renamed, three.withUsername(target, "three"), renamedAgain));
    assertThat(store.identities().find(new IdentityId(second))).contains(renamedAgain);
    assertThat(
            store
                .identities()
                .usernamesTaken(new TargetId(target), List.of("two", "deux", "three")))
        .containsExactlyInAnyOrder("deux", "three");
  }

  @Test
  void usernamesAreSavedWithoutRewritingTheIdentities() {
    String target = unique("directory");
    String mail = unique("mail");
    Identity one = person(unique("id"), unique("E"), Map.of(target, "uno"));
    Identity two = person(unique("id"), unique("E"), Map.of());
    store.identities().saveAll(List.of(one, two));
    String rowVersions =
        "select string_agg(xmin::text, ',' order by id) from identities where id in (?, ?)";
    String before =
        jdbc.queryForObject(rowVersions, String.class, one.id().value(), two.id().value());

    Identity oneNamed = one.withUsername(target, "one").withUsername(mail, "one.mail");
    Identity twoNamed = two.withUsername(target, "two");
    store.identities().saveUsernames(List.of(oneNamed, twoNamed));

    assertThat(store.identities().find(one.id())).contains(oneNamed);
    assertThat(store.identities().find(two.id())).contains(twoNamed);
    assertThat(
            store.identities().usernamesTaken(new TargetId(target), List.of("uno", "one", "two")))
        .containsExactlyInAnyOrder("one", "two");
    assertThat(jdbc.queryForObject(rowVersions, String.class, one.id().value(), two.id().value()))
        .as("the identities' rows (and so their indexes) were not written again")
        .isEqualTo(before);
  }

  @Test
  void aUsernameBelongsToOneIdentityPerTarget() {
    String target = unique("directory");
    store.identities().save(person(unique("id"), unique("E"), Map.of(target, "jdoe")));
    Identity other = person(unique("id"), unique("E"), Map.of(target, "jdoe"));

    assertThatThrownBy(() -> store.identities().save(other))
        .hasMessageContaining("identity_usernames_unique");
  }

  @Test
  void identitiesStreamInIdOrderAndAreCounted() {
    long before = store.identities().count();
    String prefix = unique("stream");
    store.identities().save(person(prefix + "-b", unique("E"), Map.of()));
    store.identities().save(person(prefix + "-a", unique("E"), Map.of()));

    assertThat(store.identities().count()).isEqualTo(before + 2);
    try (Stream<Identity> all = store.identities().stream()) {
      List<String> ids =
          all.map(identity -> identity.id().value()).filter(id -> id.startsWith(prefix)).toList();
      assertThat(ids).containsExactly(prefix + "-a", prefix + "-b");
    }
  }

  @Test
  void streamingInsideATransactionReadsEverything() {
    String prefix = unique("many");
    store
        .transactions()
        .run(
            () -> {
              for (int index = 0; index < 1200; index++) {
                // more rows than one fetch, so that the cursor is exercised
                store
                    .identities()
                    .save(person(prefix + String.format("-%04d", index), "E", Map.of()));
              }
            });
    long seen =
        store
            .transactions()
            .inTransaction(
                () -> {
                  try (Stream<Identity> all = store.identities().stream()) {
                    return all.filter(identity -> identity.id().value().startsWith(prefix)).count();
                  }
                });
    assertThat(seen).isEqualTo(1200);
  }

  @Test
  void knownAccountsAreSavedReplacedFoundByOwnerStreamedAndDeleted() {
    TargetId target = new TargetId(unique("directory"));
    IdentityId owner = new IdentityId(unique("owner"));
    KnownAccount jdoe =
        new KnownAccount(
            target,
            "jdoe",
            "uid=jdoe,ou=people,dc=example,dc=com",
            owner,
            Map.of("cn", "John Doe", "mail", "jdoe@example.com"),
            true,
            Set.of("staff", "engineering"),
            null);
    KnownAccount orphan =
        new KnownAccount(
            target,
            "admin2",
            null,
            null,
            Map.of(),
            false,
            Set.of(),
            Instant.parse("2026-02-01T00:00:00Z"));
    store.accounts().save(jdoe);
    store.accounts().save(orphan);

    assertThat(store.accounts().find(target, "jdoe")).contains(jdoe);
    assertThat(store.accounts().find(target, "admin2")).contains(orphan);
    assertThat(store.accounts().count(target)).isEqualTo(2);
    assertThat(store.accounts().findByOwners(List.of(owner, new IdentityId("nobody"))))
        .containsExactly(jdoe);
    assertThat(store.accounts().findByOwners(List.of())).isEmpty();

    KnownAccount disabled =
        new KnownAccount(
            target,
            "jdoe",
            jdoe.nativeId(),
            owner,
            jdoe.attributes(),
            false,
            Set.of(),
            Instant.parse("2026-03-01T10:00:00.123456Z"));
    store.accounts().save(disabled);
    assertThat(store.accounts().find(target, "jdoe")).contains(disabled);

    try (Stream<KnownAccount> accounts = store.accounts().stream(target)) {
      assertThat(accounts.map(KnownAccount::username)).containsExactly("admin2", "jdoe");
    }
    store.accounts().delete(target, "jdoe");
    store.accounts().delete(target, "jdoe");
    assertThat(store.accounts().find(target, "jdoe")).isEmpty();
    assertThat(store.accounts().count(target)).isEqualTo(1);
  }

  @Test
  void manyKnownAccountsAreSavedReplacedAndDeletedInOneStepEach() {
    TargetId target = new TargetId(unique("directory"));
    TargetId other = new TargetId(unique("wiki"));
    IdentityId owner = new IdentityId(unique("owner"));
    KnownAccount old =
        new KnownAccount(
            target, "ann", "uid=ann", owner, Map.of("cn", "Ann"), true, Set.of(), null);
    store.accounts().save(old);
    KnownAccount ann =
        new KnownAccount(
            target,
            "ann",
            "uid=ann,ou=people",
            owner,
            Map.of("cn", "Ann O'Brien", "mail", "ann@example.com"),
            false,
            Set.of("staff", "sales"),
            Instant.parse("2026-03-01T10:00:00.123456Z"));
    KnownAccount bob =
        new KnownAccount(target, "bob", null, null, Map.of(), true, Set.of("staff"), null);
    KnownAccount first =
        new KnownAccount(other, "cy", "1", owner, Map.of("cn", "first"), true, Set.of(), null);
    KnownAccount last =
        new KnownAccount(other, "cy", "2", owner, Map.of("cn", "last"), true, Set.of(), null);

    store.accounts().saveAll(List.of(ann, first, bob, last));
    store.accounts().saveAll(List.of());

    assertThat(store.accounts().find(target, "ann")).as("replaced").contains(ann);
    assertThat(store.accounts().find(target, "bob")).contains(bob);
    assertThat(store.accounts().find(other, "cy")).as("the last of the same name").contains(last);
    assertThat(store.accounts().count(target)).isEqualTo(2);

    store.accounts().deleteAll(target, List.of("ann", "bob", "nobody", "ann"));
    store.accounts().deleteAll(target, List.of());
    assertThat(store.accounts().count(target)).isZero();
    assertThat(store.accounts().find(other, "cy")).as("another target's").contains(last);
  }

  @Test
  void plansKeepTheirOperationsInOrderAndRecordAttempts() {
    PlanId id = new PlanId(unique("plan"));
    Plan plan = new Plan(OperationSamples.everyKind(new TargetId("directory")));
    StoredPlan stored = store.plans().create(id, plan, "cli:root", "apply", NOW);

    assertThat(stored.createdAt()).isEqualTo(Instant.parse("2026-03-01T09:30:00.123456Z"));
    assertThat(store.plans().find(id)).contains(stored);
    List<StoredOperation> operations = store.plans().operations(id);
    assertThat(operations).extracting(StoredOperation::operation).isEqualTo(plan.operations());
    assertThat(operations)
        .extracting(StoredOperation::sequence)
        .containsExactly(0, 1, 2, 3, 4, 5, 6);
    assertThat(operations).allMatch(operation -> operation.state() == OperationState.PENDING);

    StoredOperation first = operations.get(0);
    store
        .plans()
        .recordAttempt(
            first.id(),
            new OperationAttempt(
                NOW, NOW.plusSeconds(1), OperationState.FAILED, ErrorKind.CONNECTION, "refused"));
    store
        .plans()
        .recordAttempt(
            first.id(),
            new OperationAttempt(
                NOW.plusSeconds(60), NOW.plusSeconds(61), OperationState.SUCCEEDED, null, null));

    StoredOperation after = store.plans().operations(id).get(0);
    assertThat(after.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(after.attempts()).isEqualTo(2);
    assertThat(after.lastError()).isEqualTo("refused");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from operation_attempts where operation_id = ?",
                Long.class,
                first.id().value()))
        .isEqualTo(2);
    assertThat(store.plans().recent(1000)).extracting(StoredPlan::id).contains(id);
  }

  @Test
  void theOperationsOfAccountsThatAreNotOverAreFoundAndOperationsById() {
    TargetId target = new TargetId(unique("queued"));
    PlanId id = new PlanId(unique("plan"));
    store
        .plans()
        .create(id, new Plan(OperationSamples.everyKind(target)), "cli:root", "apply", NOW);
    List<StoredOperation> operations = store.plans().operations(id);
    StoredOperation created = operations.get(0);
    store
        .plans()
        .recordAttempt(
            created.id(), new OperationAttempt(NOW, NOW, OperationState.SUCCEEDED, null, null));

    assertThat(store.plans().openOperations())
        .contains(operations.get(1).id(), operations.get(6).id())
        .doesNotContain(created.id());
    IdentityId owner = operations.get(1).operation().owner();
    assertThat(store.plans().openOperationsOf(List.of(owner)))
        .contains(operations.get(1).id(), operations.get(6).id())
        .doesNotContain(created.id());
    assertThat(store.plans().openOperationsOf(List.of(new IdentityId(unique("nobody"))))).isEmpty();
    assertThat(store.plans().queuedFor(target, List.of("jdoe", "old")))
        .extracting(StoredOperation::sequence)
        .containsExactly(1, 2, 3, 4, 6);
    assertThat(store.plans().queuedFor(new TargetId(unique("other")), List.of("jdoe"))).isEmpty();
    assertThat(store.plans().queuedFor(target, List.of())).isEmpty();
    assertThat(store.plans().operationsById(List.of(operations.get(6).id(), created.id())))
        .extracting(StoredOperation::sequence, StoredOperation::state)
        .containsExactly(tuple(0, OperationState.SUCCEEDED), tuple(6, OperationState.PENDING));
    assertThat(store.plans().operationsById(List.of())).isEmpty();
  }

  @Test
  void anEmptyPlanIsStored() {
    PlanId id = new PlanId(unique("plan"));
    store.plans().create(id, Plan.empty(), "cli:root", "apply", NOW);
    assertThat(store.plans().find(id).orElseThrow().plan().isEmpty()).isTrue();
  }

  @Test
  void theAuditLogIsListedNewestFirstAndItsChainVerifies() {
    String subject = unique("identity");
    for (int index = 0; index < 5; index++) {
      store
          .auditLog()
          .append(
              new AuditEvent(
                  NOW.plusSeconds(index),
                  "hr-import:hr",
                  "identity.mover",
                  subject,
                  "department Sales -> Engineering",
                  "success",
                  Map.of("step", Integer.toString(index), "a \"quoted\" key", "line\nbreak")));
    }

    List<AuditRecord> recent = store.auditLog().recent(subject.toUpperCase(), 3);
    assertThat(recent).hasSize(3);
    assertThat(recent)
        .extracting(record -> record.event().details().get("step"))
        .containsExactly("4", "3", "2");
    assertThat(recent.get(0).event().at())
        .isEqualTo(NOW.plusSeconds(4).truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    assertThat(store.auditLog().recent(null, 2)).hasSize(2);
    assertThat(store.auditLog().verify().intact()).isTrue();
  }

  @Test
  void concurrentAppendsFormOneChain() throws Exception {
    String subject = unique("concurrent");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int thread = 0; thread < 4; thread++) {
        futures.add(
            pool.submit(
                () -> {
                  for (int index = 0; index < 20; index++) {
                    store
                        .auditLog()
                        .append(
                            new AuditEvent(
                                NOW, "test", "concurrent", subject, "load", "success", Map.of()));
                  }
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(jdbc.queryForObject("select count(*) from audit_inbox", Long.class))
        .as("every event is chained once the appends are done, before anybody reads")
        .isZero();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from audit_events where subject = ?", Long.class, subject))
        .isEqualTo(80);
    assertThat(store.auditLog().recent(subject, 1000)).hasSize(80);
    assertThat(store.auditLog().verify().intact()).isTrue();
  }

  /** A store over the same database and key whose audit events a background thread chains. */
  private JdbcStore chainingInTheBackground() {
    return JdbcStore.create(
        dataSource,
        new org.springframework.jdbc.datasource.DataSourceTransactionManager(dataSource),
        Clock.fixed(NOW, ZoneOffset.UTC),
        sealing,
        AuditChaining.IN_BACKGROUND);
  }

  @Test
  void theBackgroundChainerChainsEveryCommittedEventInCommitOrderAndTheChainVerifies()
      throws Exception {
    String subject = unique("background");
    JdbcStore background = chainingInTheBackground();
    int threads = 4;
    int transactions = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int thread = 0; thread < threads; thread++) {
        String writer = "writer-" + thread;
        futures.add(
            pool.submit(
                () -> {
                  for (int index = 0; index < transactions; index++) {
                    String number = Integer.toString(index);
                    // two events in one transaction, as a SCIM create appends its own and others
                    background
                        .transactions()
                        .run(
                            () ->
                                background
                                    .auditLog()
                                    .appendAll(
                                        List.of(
                                            new AuditEvent(
                                                NOW,
                                                writer,
                                                "background.first",
                                                subject,
                                                number,
                                                "success",
                                                Map.of("index", number)),
                                            new AuditEvent(
                                                NOW,
                                                writer,
                                                "background.second",
                                                subject,
                                                number,
                                                "success",
                                                Map.of("index", number)))));
                  }
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
      // nobody reads the log: the background thread alone empties the inbox
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (jdbc.queryForObject("select count(*) from audit_inbox", Long.class) > 0
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(jdbc.queryForObject("select count(*) from audit_inbox", Long.class))
          .as("every committed event chained by the background thread, before anybody reads")
          .isZero();
      List<Map<String, Object>> chained =
          jdbc.queryForList(
              "select actor, action, details ->> 'index' as index from audit_events"
                  + " where subject = ? order by sequence",
              subject);
      assertThat(chained).hasSize(threads * transactions * 2);
      for (int thread = 0; thread < threads; thread++) {
        String writer = "writer-" + thread;
        List<String> order =
            chained.stream()
                .filter(row -> row.get("actor").equals(writer))
                .map(row -> row.get("index") + " " + row.get("action"))
                .toList();
        List<String> expected = new ArrayList<>();
        for (int index = 0; index < transactions; index++) {
          expected.add(index + " background.first");
          expected.add(index + " background.second");
        }
        assertThat(order)
            .as("each writer's events in the order it committed them")
            .isEqualTo(expected);
      }
      AuditVerification verification = background.auditLog().verify();
      assertThat(verification.problems()).isEmpty();
      assertThat(verification.intact()).isTrue();
    } finally {
      pool.shutdown();
      background.close();
    }
  }

  @Test
  void closingABackgroundChainingStoreChainsWhatIsStillWaiting() {
    String subject = unique("closing");
    JdbcStore background = chainingInTheBackground();
    for (int index = 0; index < 30; index++) {
      background
          .auditLog()
          .append(new AuditEvent(NOW, "test", "closing", subject, "r", "success", Map.of()));
    }
    background.close();
    assertThat(jdbc.queryForObject("select count(*) from audit_inbox", Long.class))
        .as("closing waits for the background thread and chains what is left")
        .isZero();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from audit_events where subject = ?", Long.class, subject))
        .isEqualTo(30);
    // after closing, a commit chains on its own thread
    background
        .auditLog()
        .append(new AuditEvent(NOW, "test", "closing", subject, "after", "success", Map.of()));
    assertThat(jdbc.queryForObject("select count(*) from audit_inbox", Long.class)).isZero();
    assertThat(store.auditLog().verify().intact()).isTrue();
  }

  @Test
  void anAuditEventIsPartOfItsTransactionAndAnOpenOneBlocksNoOtherAppend() throws Exception {
    String subject = unique("in-transaction");
    AuditEvent event = new AuditEvent(NOW, "test", "long", subject, "r", "success", Map.of());
    Runnable appendThenFail =
        () -> {
          store.auditLog().append(event);
          throw new IllegalStateException("the plan could not be stored");
        };
    assertThatThrownBy(() -> store.transactions().run(appendThenFail))
        .hasMessage("the plan could not be stored");
    assertThat(store.auditLog().recent(subject, 10))
        .as("rolled back with its transaction")
        .isEmpty();

    CountDownLatch appended = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> seenInside =
          pool.submit(
              () ->
                  store
                      .transactions()
                      .inTransaction(
                          () -> {
                            store.auditLog().append(event);
                            appended.countDown();
                            await(finish);
                            return store.auditLog().recent(subject, 10).size();
                          }));
      assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
      // the long transaction is open: another append neither waits for it nor sees its event
      Future<?> other =
          pool.submit(
              () ->
                  store
                      .auditLog()
                      .append(
                          new AuditEvent(NOW, "test", "short", subject, "r", "success", Map.of())));
      other.get(30, TimeUnit.SECONDS);
      assertThat(store.auditLog().recent(subject, 10))
          .extracting(record -> record.event().action())
          .containsExactly("short");
      finish.countDown();
      assertThat(seenInside.get(30, TimeUnit.SECONDS))
          .as("its own event and the committed one, read in its transaction")
          .isEqualTo(2);
    } finally {
      finish.countDown();
      pool.shutdown();
    }
    assertThat(store.auditLog().recent(subject, 10))
        .extracting(record -> record.event().action())
        .containsExactly("long", "short");
    assertThat(store.auditLog().verify().intact()).isTrue();
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test did not let the transaction finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void eventsOfARolledBackTransactionAreNeverChainedAndOnesWaitingAreChainedByAReader() {
    String subject = unique("inbox");
    assertThatThrownBy(
            () ->
                store
                    .transactions()
                    .run(
                        () -> {
                          store
                              .auditLog()
                              .append(
                                  new AuditEvent(
                                      NOW, "test", "lost", subject, "r", "success", Map.of()));
                          throw new IllegalStateException("rolled back");
                        }))
        .hasMessage("rolled back");
    // an event left waiting (as if its appender died between commit and chaining)
    jdbc.update(
        "insert into audit_inbox (at, actor, action, subject, reason, outcome, details)"
            + " values (now(), 'test', 'waiting', ?, 'r', 'success', '{\"k\": \"v\"}')",
        subject);

    assertThat(store.auditLog().recent(subject, 10))
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.event().action()).isEqualTo("waiting");
              assertThat(record.event().details()).containsEntry("k", "v");
            });
    assertThat(jdbc.queryForObject("select count(*) from audit_inbox", Long.class)).isZero();
    assertThat(store.auditLog().verify().intact()).isTrue();
  }

  @Test
  void theDatabaseRejectsChangesToAuditEvents() {
    store
        .auditLog()
        .append(new AuditEvent(NOW, "test", "append-only", unique("s"), "r", "success", Map.of()));

    assertThatThrownBy(() -> jdbc.update("update audit_events set outcome = 'failure'"))
        .rootCause()
        .hasMessageContaining("audit_events is append-only: UPDATE is not allowed");
    assertThatThrownBy(() -> jdbc.update("delete from audit_events"))
        .rootCause()
        .hasMessageContaining("audit_events is append-only: DELETE is not allowed");
    assertThatThrownBy(() -> jdbc.execute("truncate audit_events"))
        .rootCause()
        .hasMessageContaining("audit_events is append-only: TRUNCATE is not allowed");
    assertThat(store.auditLog().verify().intact()).isTrue();
  }

  @Test
  void aRecordRewrittenAndTheChainRecomputedWithoutTheKeyIsFound() {
    String subject = unique("rehash");
    for (int index = 0; index < 4; index++) {
      store
          .auditLog()
          .append(new AuditEvent(NOW, "test", "rehash", subject, "r", "success", Map.of()));
    }
    List<AuditRecord> written = store.auditLog().recent(null, 1_000_000);
    long middle = store.auditLog().recent(subject, 4).get(2).sequence();
    AuditSealing attacker = AuditSealing.ephemeral();
    JdbcAuditLog rehashing =
        new JdbcAuditLog(
            org.springframework.jdbc.core.simple.JdbcClient.create(jdbc),
            new org.springframework.transaction.support.TransactionTemplate(
                new org.springframework.jdbc.datasource.DataSourceTransactionManager(dataSource)),
            new Json(tools.jackson.databind.json.JsonMapper.builder().build()),
            attacker,
            AuditChaining.AFTER_COMMIT);
    List<Map<String, Object>> original =
        jdbc.queryForList(
            "select sequence, reason, previous_hash, hash, scheme from audit_events"
                + " where sequence >= ?",
            middle);
    jdbc.execute("alter table audit_events disable trigger user");
    try {
      // a superuser changes a record, then recomputes every hash from there on, with its own key
      // and, once more, without any key as if the records predated the keyed chain
      for (String scheme : new String[] {JdbcAuditLog.KEYED, JdbcAuditLog.UNKEYED}) {
        jdbc.update("update audit_events set reason = 'rewritten' where sequence = ?", middle);
        rehash(rehashing, attacker, scheme, middle);
        AuditVerification found = store.auditLog().verify();
        assertThat(found.intact()).as(scheme).isFalse();
        assertThat(found.problems()).as(scheme).isNotEmpty();
      }
      for (Map<String, Object> row : original) {
        jdbc.update(
            "update audit_events set reason = ?, previous_hash = ?, hash = ?, scheme = ?"
                + " where sequence = ?",
            row.get("reason"),
            row.get("previous_hash"),
            row.get("hash"),
            row.get("scheme"),
            row.get("sequence"));
      }
    } finally {
      jdbc.execute("alter table audit_events enable trigger user");
    }
    assertThat(written).isNotEmpty();
    assertThat(store.auditLog().verify().intact()).as("restored").isTrue();
  }

  /** Recomputes the hashes from {@code from} on, as an attacker with {@code key} would. */
  private void rehash(JdbcAuditLog rehashing, AuditSealing key, String scheme, long from) {
    List<Map<String, Object>> rows =
        jdbc.queryForList(
            "select sequence, previous_hash from audit_events where sequence >= ? order by"
                + " sequence",
            from);
    String previous = (String) rows.get(0).get("previous_hash");
    for (Map<String, Object> row : rows) {
      long sequence = ((Number) row.get("sequence")).longValue();
      AuditEvent event =
          store.auditLog().recent(null, 1_000_000).stream()
              .filter(record -> record.sequence() == sequence)
              .findFirst()
              .orElseThrow()
              .event();
      String hash =
          scheme.equals(JdbcAuditLog.KEYED)
              ? key.hash(previous, rehashing.canonical(sequence, event))
              : rehashing.unkeyedHash(previous, sequence, event);
      jdbc.update(
          "update audit_events set previous_hash = ?, hash = ?, scheme = ? where sequence = ?",
          previous,
          hash,
          scheme,
          sequence);
      previous = hash;
    }
  }

  @Test
  void deletingTheNewestRecordsIsFoundAgainstTheCheckpointKeptOutsideTheDatabase()
      throws Exception {
    String subject = unique("tail");
    for (int index = 0; index < 3; index++) {
      store
          .auditLog()
          .append(new AuditEvent(NOW, "test", "tail", subject, "r", "success", Map.of()));
    }
    AuditVerification before = store.auditLog().verify();
    assertThat(before.intact()).as(before.problems().toString()).isTrue();
    long newest = store.auditLog().recent(subject, 1).get(0).sequence();
    assertThat(before.checkpoint()).isEqualTo(newest);
    assertThat(java.nio.file.Files.readString(checkpoints.resolve("audit.checkpoint")))
        .contains(" " + newest + " ");

    List<Map<String, Object>> deleted =
        jdbc.queryForList(
            "select sequence, at, actor, action, subject, reason, outcome, details::text as"
                + " details, previous_hash, hash, scheme from audit_events where sequence >= ?",
            newest - 1);
    jdbc.execute("alter table audit_events disable trigger user");
    try {
      jdbc.update("delete from audit_events where sequence >= ?", newest - 1);
      AuditVerification after = store.auditLog().verify();
      assertThat(after.intact()).isFalse();
      assertThat(after.problems())
          .anySatisfy(
              problem ->
                  assertThat(problem)
                      .contains("but a checkpoint of record " + newest)
                      .contains("newer records were deleted"));
      for (Map<String, Object> row : deleted) {
        jdbc.update(
            "insert into audit_events (sequence, at, actor, action, subject, reason, outcome,"
                + " details, previous_hash, hash, scheme)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)",
            row.get("sequence"),
            row.get("at"),
            row.get("actor"),
            row.get("action"),
            row.get("subject"),
            row.get("reason"),
            row.get("outcome"),
            row.get("details"),
            row.get("previous_hash"),
            row.get("hash"),
            row.get("scheme"));
      }
    } finally {
      jdbc.execute("alter table audit_events enable trigger user");
    }
    assertThat(store.auditLog().verify().intact()).as("restored").isTrue();
  }

  @Test
  void tamperingBreaksTheChainAtTheChangedRecord() {
    String subject = unique("tamper");
    for (int index = 0; index < 3; index++) {
      store
          .auditLog()
          .append(new AuditEvent(NOW, "test", "tamper", subject, "r", "success", Map.of()));
    }
    long middle = store.auditLog().recent(subject, 3).get(1).sequence();
    // only someone bypassing the trigger (a superuser) can do this; the chain still tells
    jdbc.execute("alter table audit_events disable trigger user");
    try {
      jdbc.update("update audit_events set outcome = 'failure' where sequence = ?", middle);
      assertThat(store.auditLog().verify().firstBroken()).isEqualTo(middle);
      jdbc.update("update audit_events set outcome = 'success' where sequence = ?", middle);
      assertThat(store.auditLog().verify().intact()).isTrue();
    } finally {
      jdbc.execute("alter table audit_events enable trigger user");
    }
  }

  @Test
  void workThatThrowsIsRolledBackAndADryRunKeepsNothing() {
    String failed = unique("failed");
    assertThatThrownBy(
            () ->
                store
                    .transactions()
                    .run(
                        () -> {
                          store.identities().save(person(failed, "E", Map.of()));
                          throw new IllegalStateException("boom");
                        }))
        .hasMessage("boom");
    assertThat(store.identities().find(new IdentityId(failed))).isEmpty();

    String dry = unique("dry");
    boolean seenInside =
        store.dryRun(
            () ->
                store
                    .transactions()
                    .inTransaction(
                        () -> {
                          store.identities().save(person(dry, "E", Map.of()));
                          store
                              .auditLog()
                              .append(
                                  new AuditEvent(
                                      NOW, "test", "dry", dry, "r", "success", Map.of()));
                          return store.identities().find(new IdentityId(dry)).isPresent();
                        }));
    assertThat(seenInside).isTrue();
    assertThat(store.identities().find(new IdentityId(dry))).isEmpty();
    assertThat(store.auditLog().recent(dry, 10)).isEmpty();
  }

  @Test
  void idsAreUnique() {
    assertThat(store.ids().newIdentityId()).isNotEqualTo(store.ids().newIdentityId());
    assertThat(store.ids().newPlanId()).isNotEqualTo(store.ids().newPlanId());
  }
}
