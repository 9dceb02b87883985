package io.tenure.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.core.identity.Employment;
import io.tenure.core.identity.EmploymentStatus;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.ingest.ManagerReferences.UnknownManager;
import io.tenure.store.reconciliation.JdbcReconciliationStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Looking identities up by an attribute on the machine's PostgreSQL (V76): the key attributes on
 * their B-tree indexes, every other attribute by reading the table, always exactly and always the
 * stored value (a changed value is no longer found by the old one); and a store made before V76
 * migrated with its identities found.
 */
class IdentityLookupIT {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-01T09:30:00Z"), ZoneOffset.UTC);

  private ScratchDatabase database;
  private DataSource dataSource;
  private JdbcClient client;

  @BeforeEach
  void createDatabase() throws Exception {
    database = ScratchDatabase.create();
    dataSource = database.dataSource();
    client = JdbcClient.create(dataSource);
  }

  @AfterEach
  void dropDatabase() throws Exception {
    database.close();
  }

  private static Identity person(String id, Map<String, String> attributes) {
    return new Identity(
        new IdentityId(id),
        LifecycleState.ACTIVE,
        attributes,
        new Employment(EmploymentStatus.ACTIVE, LocalDate.of(2026, 1, 5), null),
        Map.of());
  }

  private static Identity ada() {
    return person(
        "id-ada",
        Map.of(
            "employeeId", "E1",
            "email", "Ada@example.com",
            "department", "Engineering",
            "it's \\odd", "yes"));
  }

  private static Identity grace() {
    return person(
        "id-grace",
        Map.of(
            "employeeId", "E2",
            "email", "grace@example.com",
            "department", "Engineering",
            "managerId", "E1"));
  }

  private JdbcStore store;

  private IdentityRepository migratedStore() {
    JdbcStore.migrate(dataSource);
    store = JdbcStore.create(dataSource, CLOCK);
    return store.identities();
  }

  @Test
  void keyAttributesAreFoundExactlyAndAChangedValueIsNoLongerFoundByTheOldOne() {
    IdentityRepository identities = migratedStore();
    identities.saveAll(List.of(ada(), grace()));

    assertThat(identities.findByAttribute("employeeId", "E1")).containsExactly(id("id-ada"));
    assertThat(identities.findByAttribute("managerId", "E1")).containsExactly(id("id-grace"));
    assertThat(identities.findByAttribute("email", "Ada@example.com"))
        .containsExactly(id("id-ada"));
    // exact, as the containment query was: another case is another value
    assertThat(identities.findByAttribute("email", "ada@example.com")).isEmpty();
    assertThat(identities.findByAttribute("employeeId", "E")).isEmpty();

    Identity moved =
        person(
            "id-ada",
            Map.of("employeeId", "E9", "email", "ada@example.org", "department", "Research"));
    identities.save(moved);
    assertThat(identities.findByAttribute("employeeId", "E1")).isEmpty();
    assertThat(identities.findByAttribute("email", "Ada@example.com")).isEmpty();
    assertThat(identities.findByAttribute("employeeId", "E9")).containsExactly(id("id-ada"));

    identities.saveAll(
        List.of(
            person("id-ada", Map.of("employeeId", "E10")),
            person("id-grace", Map.of("employeeId", "E2", "managerId", "E10"))));
    assertThat(identities.findByAttribute("employeeId", "E9")).isEmpty();
    assertThat(identities.findByAttribute("employeeId", "E10")).containsExactly(id("id-ada"));
    assertThat(identities.findByAttribute("managerId", "E1")).isEmpty();
    assertThat(identities.findByAttribute("managerId", "E10")).containsExactly(id("id-grace"));
  }

  @Test
  void anAttributeWithoutAnIndexIsFoundByReadingTheTable() {
    IdentityRepository identities = migratedStore();
    identities.saveAll(List.of(ada(), grace()));

    assertThat(identities.findByAttribute("department", "Engineering"))
        .containsExactly(id("id-ada"), id("id-grace"));
    assertThat(identities.findByAttribute("department", "engineering")).isEmpty();
    // a name that must be quoted in SQL is a name like any other
    assertThat(identities.findByAttribute("it's \\odd", "yes")).containsExactly(id("id-ada"));
    assertThat(identities.findByAttribute("it's \\odd", "no")).isEmpty();
    assertThat(identities.findByAttribute("nobody's attribute", "yes")).isEmpty();
  }

  @Test
  void aChunkIsFoundAtOnceByKeysAndOtherAttributes() {
    IdentityRepository identities = migratedStore();
    Identity third = person("id-third", Map.of("employeeId", "E3", "title", "Engineer"));
    identities.saveAll(List.of(ada(), grace(), third));

    Map<IdentityId, Identity> found =
        store
            .transactions()
            .inTransaction(
                () ->
                    identities.findHoldingAny(
                        Map.of(
                            "employeeId", List.of("E1", "E404"),
                            "email", List.of("grace@example.com", "ADA@EXAMPLE.COM"),
                            "title", List.of("Engineer"),
                            "managerId", List.of())));
    assertThat(found).containsOnlyKeys(id("id-ada"), id("id-grace"), id("id-third"));
    assertThat(found.get(id("id-grace"))).isEqualTo(grace());
    assertThat(identities.findHoldingAny(Map.of("email", List.of("ADA@EXAMPLE.COM")))).isEmpty();
    assertThat(identities.findHoldingAny(Map.of())).isEmpty();
  }

  @Test
  void severalAttributesAreLookedUpAtOnceEachWithWhatItFound() {
    IdentityRepository identities = migratedStore();
    Identity linus =
        person("id-linus", Map.of("employeeId", "E3", "userName", "linus", "externalId", "x-3"));
    identities.saveAll(List.of(ada(), grace(), linus));

    Map<String, List<IdentityId>> found =
        identities.findByAttributes(
            Map.of(
                "externalId", "x-3",
                "userName", "linus",
                "email", "grace@example.com",
                "managerId", "E1",
                "department", "Engineering",
                "employeeId", "nobody"));

    assertThat(found.get("externalId")).containsExactly(id("id-linus"));
    assertThat(found.get("userName")).containsExactly(id("id-linus"));
    assertThat(found.get("email")).containsExactly(id("id-grace"));
    assertThat(found.get("managerId")).containsExactly(id("id-grace"));
    assertThat(found.get("department")).containsExactly(id("id-ada"), id("id-grace"));
    assertThat(found.get("employeeId")).as("an attribute that finds nobody").isEmpty();
    assertThat(found).hasSize(6);
    assertThat(identities.findByAttributes(Map.of())).isEmpty();
  }

  @Test
  void keyLookupsUseTheirIndexesAndTheAttributesAreNoLongerIndexedWhole() throws Exception {
    IdentityRepository identities = migratedStore();
    identities.saveAll(List.of(ada(), grace()));
    client.sql("analyze identities").update();

    assertThat(plan(IdentityKeys.equalTo("i", "employeeId", "'E1'")))
        .contains("identities_employee_id");
    assertThat(plan(IdentityKeys.equalTo("i", "managerId", "'E1'")))
        .contains("identities_manager_id");
    assertThat(plan(IdentityKeys.equalTo("i", "email", "'Ada@example.com'")))
        .contains("identities_email");
    assertThat(plan(IdentityKeys.equalTo("i", "externalId", "'x'")))
        .contains("identities_external_id");
    // V79: SCIM correlates on userName; only identities that have one are in the index
    assertThat(plan(IdentityKeys.equalTo("i", "userName", "'ada'")))
        .contains("identities_user_name");
    assertThat(
            client
                .sql("select count(*) from pg_indexes where indexname = 'identities_attributes'")
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void aChunkLookupSearchesTheKeyIndexesForItsValuesAndReadsNoOtherIdentity() throws Exception {
    IdentityRepository identities = migratedStore();
    identities.saveAll(List.of(ada(), grace()));
    client.sql("analyze identities").update();

    String plan =
        plan(
            IdentityKeys.anyOf("i", "employeeId").replace("?", "'{E1,E2}'")
                + " or "
                + IdentityKeys.anyOf("i", "email").replace("?", "'{grace@example.com}'"));
    assertThat(plan).contains("identities_employee_id").contains("identities_email");
    // no join to the values: the table is never read whole, whatever its statistics say
    assertThat(plan).doesNotContain("Join").doesNotContain("identities_pkey");
  }

  @Test
  void theChunkLookupTurnsSequentialScansOffForItselfAloneAndRestoresTheSettingBefore() {
    IdentityRepository identities = migratedStore();
    identities.saveAll(List.of(ada(), grace()));
    Map<String, List<String>> values =
        Map.of("employeeId", List.of("E2"), "email", List.of("Ada@example.com"));

    List<String> seen =
        store
            .transactions()
            .inTransaction(
                () -> {
                  List<String> settings = new ArrayList<>();
                  assertThat(identities.findReports("hr", List.of("employeeId", "email"), values))
                      .containsOnlyKeys(id("id-ada"), id("id-grace"));
                  settings.add(seqscan());
                  client.sql("set local enable_seqscan = off").update();
                  assertThat(identities.findHoldingAny(values))
                      .containsOnlyKeys(id("id-ada"), id("id-grace"));
                  settings.add(seqscan());
                  return settings;
                });
    // on after the first (the default), still off after the second: the caller's setting is kept
    assertThat(seen).containsExactly("on", "off");
  }

  @Test
  void aTransactionWritingFewRowsIntoAnAnalysedLargeTableDoesNotAnalyseIt() {
    assertThat(analysedWhileWriting(20_000, 0, 1_000)).isFalse();
  }

  @Test
  void aTransactionWritingRowsIntoATableWhoseStatisticsCountFewAnalysesIt() {
    assertThat(analysedWhileWriting(500, 500, 1_000)).isTrue();
  }

  /**
   * Whether a transaction saving {@code count} people from number {@code from} analyses the table,
   * once {@code stored} people are stored and analysed.
   */
  private boolean analysedWhileWriting(int stored, int from, int count) {
    IdentityRepository identities = migratedStore();
    identities.saveAll(people(0, stored));
    client.sql("analyze identities").update();
    return store
        .transactions()
        .inTransaction(
            () -> {
              identities.saveAll(people(from, count));
              return analysedInThisTransaction();
            });
  }

  private static List<Identity> people(int from, int count) {
    List<Identity> people = new ArrayList<>();
    for (int number = from; number < from + count; number++) {
      people.add(
          person(
              "id-" + number,
              Map.of("employeeId", "P" + number, "email", "p" + number + "@example.com")));
    }
    return people;
  }

  /** ANALYZE holds the table's SHARE UPDATE EXCLUSIVE lock until the transaction ends. */
  private boolean analysedInThisTransaction() {
    return client
        .sql(
            "select exists (select 1 from pg_locks where pid = pg_backend_pid()"
                + " and relation = 'identities'::regclass and mode = 'ShareUpdateExclusiveLock')")
        .query(Boolean.class)
        .single();
  }

  private String seqscan() {
    return client.sql("select current_setting('enable_seqscan')").query(String.class).single();
  }

  /** The query plan of a lookup with sequential scans off, as the import's chunk query runs. */
  private String plan(String condition) throws Exception {
    StringBuilder plan = new StringBuilder();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute("set local enable_seqscan = off");
        try (ResultSet rows =
            statement.executeQuery("explain select i.id from identities i where " + condition)) {
          while (rows.next()) {
            plan.append(rows.getString(1)).append('\n');
          }
        }
      }
      connection.rollback();
    }
    return plan.toString();
  }

  @Test
  void managersAndAccountCorrelationAreFoundOnTheKeys() {
    IdentityRepository identities = migratedStore();
    Identity orphan =
        person("id-orphan", Map.of("employeeId", "E5", "managerId", "E404", "email", "o@x"));
    identities.saveAll(List.of(ada(), grace(), orphan));

    List<UnknownManager> unknown =
        new JdbcManagerReferences(dataSource, CLOCK)
            .unknownManagers(
                "hr",
                "managerId",
                "employeeId",
                List.of(id("id-ada"), id("id-grace"), id("id-orphan")));
    assertThat(unknown)
        .extracting(UnknownManager::identity, UnknownManager::managerId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(id("id-orphan"), "E404"));

    JdbcReconciliationStore reconciliation = new JdbcReconciliationStore(client);
    assertThat(reconciliation.identitiesByAttribute("employeeId", List.of("E1", "E2", "E404")))
        .containsOnly(
            Map.entry("E1", List.of(id("id-ada"))), Map.entry("E2", List.of(id("id-grace"))));
    assertThat(reconciliation.identitiesByAttribute("email", List.of("o@x", "ADA@example.com")))
        .containsOnly(Map.entry("o@x", List.of(id("id-orphan"))));
    assertThat(reconciliation.identitiesByAttribute("department", List.of("Engineering")))
        .containsOnly(Map.entry("Engineering", List.of(id("id-ada"), id("id-grace"))));
  }

  @Test
  void aStoreMadeBeforeTheKeyIndexesIsMigratedWithItsIdentities() throws Exception {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .target(newestBefore76())
        .load()
        .migrate();
    client
        .sql(
            "insert into identities (id, state, attributes, employment_status, updated_at)"
                + " values ('id-old', 'ACTIVE', '{\"employeeId\": \"E7\", \"managerId\": \"E1\"}',"
                + " 'ACTIVE', now())")
        .update();
    assertThat(
            client
                .sql("select count(*) from pg_indexes where indexname = 'identities_attributes'")
                .query(Long.class)
                .single())
        .isOne();

    IdentityRepository identities = migratedStore();
    client.sql("analyze identities").update();
    assertThat(identities.findByAttribute("employeeId", "E7")).containsExactly(id("id-old"));
    assertThat(identities.findByAttribute("managerId", "E1")).containsExactly(id("id-old"));
    assertThat(plan(IdentityKeys.equalTo("i", "employeeId", "'E7'")))
        .contains("identities_employee_id");
  }

  /** The newest migration before V76, whichever it is. */
  private static String newestBefore76() {
    return JdbcStore.migrationVersions().stream()
        .filter(
            version ->
                new java.math.BigDecimal(version).compareTo(java.math.BigDecimal.valueOf(76)) < 0)
        .max(java.util.Comparator.comparing(java.math.BigDecimal::new))
        .orElseThrow();
  }

  private static IdentityId id(String value) {
    return new IdentityId(value);
  }

  /**
   * After a dry run (an import rolled back) and a vacuum, the statistics say the table's pages hold
   * no rows; the import that follows writes its people in the same transaction as it looks them up,
   * so without an analysis inside it the planner estimates one row however many it wrote.
   */
  @Test
  void aLongImportKeepsTheStatisticsTrueAfterADryRunThatWasVacuumed() {
    IdentityRepository identities = migratedStore();
    List<List<Identity>> chunks = new ArrayList<>();
    for (int chunk = 0; chunk < 3; chunk++) {
      List<Identity> people = new ArrayList<>();
      for (int at = 0; at < 1_000; at++) {
        int number = chunk * 1_000 + at;
        people.add(person("id-" + number, Map.of("employeeId", "E" + number)));
      }
      chunks.add(people);
    }
    try {
      store
          .transactions()
          .inTransaction(
              () -> {
                chunks.forEach(identities::saveAll);
                throw new IllegalStateException("the dry run rolls back");
              });
    } catch (IllegalStateException expected) {
      assertThat(expected).hasMessage("the dry run rolls back");
    }
    client.sql("vacuum identities").update();
    assertThat(estimatedRows()).isEqualTo(1);

    long estimated =
        store
            .transactions()
            .inTransaction(
                () -> {
                  chunks.forEach(identities::saveAll);
                  return estimatedRows();
                });
    assertThat(estimated).isGreaterThanOrEqualTo(2_000);
    assertThat(identities.count()).isEqualTo(3_000);
  }

  /** The planner's estimate of the rows of {@code identities}, in the caller's transaction. */
  private long estimatedRows() {
    String plan = client.sql("explain select id from identities").query(String.class).list().get(0);
    Matcher rows = Pattern.compile("rows=(\\d+)").matcher(plan);
    assertThat(rows.find()).as(plan).isTrue();
    return Long.parseLong(rows.group(1));
  }
}
