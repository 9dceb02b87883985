package io.tenure.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.core.account.TargetId;
import io.tenure.core.identity.Employment;
import io.tenure.core.identity.EmploymentStatus;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.core.source.AttributeAuthority;
import io.tenure.core.source.RecordLocation;
import io.tenure.engine.configuration.LifecycleColumns;
import io.tenure.engine.configuration.LifecycleSettings;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.identity.SourceDigests;
import io.tenure.engine.identity.StoredReport;
import io.tenure.engine.ingest.IdentityImporter;
import io.tenure.engine.ingest.ImportSummary;
import io.tenure.engine.ingest.RecordDigest;
import io.tenure.engine.ingest.SourceAccess;
import io.tenure.engine.ingest.SourceCheckpoints;
import io.tenure.engine.ingest.SourceReaders;
import io.tenure.engine.ingest.SourceRecordLocations;
import io.tenure.engine.testing.MutableClock;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The digests of the source records stored with the identities (V82): a re-import leaves a row
 * whose digest is the stored one alone without reading its identity, and every change of what the
 * import writes, of the day's state or of the identity by anything else is still merged in full.
 */
class SourceDigestsIT {

  private static final String HEADER =
      "employee_id,first_name,last_name,email,department,cost_center,status,start_date,end_date\n";

  @TempDir Path folder;

  private final MutableClock clock = MutableClock.on(LocalDate.of(2026, 3, 2));
  private ScratchDatabase database;
  private DataSource dataSource;
  private JdbcClient client;
  private JdbcStore store;
  private CountingIdentities identities;

  /** The identities whose locations the last import handed to the store to remember. */
  private final List<IdentityId> remembered = new ArrayList<>();

  @BeforeEach
  void createDatabase() throws Exception {
    database = ScratchDatabase.create();
    dataSource = database.dataSource();
    client = JdbcClient.create(dataSource);
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (store != null) {
      store.close();
    }
    database.close();
  }

  private void openStore() {
    JdbcStore.migrate(dataSource);
    store = JdbcStore.create(dataSource, clock);
    identities = new CountingIdentities(store.identities());
  }

  /** HR with a cost center that nothing but a rule would read, in chunks of two rows. */
  private static SourceDefinition hr(Path file) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("employeeId", "employee_id");
    attributes.put("givenName", "first_name");
    attributes.put("familyName", "last_name");
    attributes.put("email", "email");
    attributes.put("department", "department");
    attributes.put("costCenter", "cost_center");
    return new SourceDefinition(
        "hr",
        "csv",
        file,
        "employeeId",
        List.of("email"),
        attributes,
        Set.of("givenName", "familyName"),
        new LifecycleColumns(
            "status",
            LifecycleColumns.defaultStatusValues(),
            "start_date",
            "end_date",
            "yyyy-MM-dd"));
  }

  private ImportSummary run(String rows) throws Exception {
    Path file = folder.resolve("people.csv");
    Files.writeString(file, HEADER + rows);
    IdentityImporter importer =
        new IdentityImporter(
                identities,
                store.auditLog(),
                store.transactions(),
                store.ids(),
                clock,
                LifecycleSettings.defaults(),
                AttributeAuthority.inOrder(List.of("hr")))
            .withBatchSize(2)
            .withSources(
                new SourceAccess(
                    SourceReaders.builtIn(),
                    SourceCheckpoints.none(),
                    new SourceRecordLocations() {
                      private final SourceRecordLocations stored =
                          new JdbcSourceRecordLocations(dataSource, clock);

                      @Override
                      public void remember(
                          String source, Map<IdentityId, RecordLocation> locations) {
                        remembered.addAll(locations.keySet());
                        stored.remember(source, locations);
                      }

                      @Override
                      public Map<IdentityId, Map<String, String>> of(
                          Collection<IdentityId> identities) {
                        return stored.of(identities);
                      }
                    }));
    remembered.clear();
    identities.readWhole.clear();
    return importer.importSource(hr(file));
  }

  private static final String ADA =
      "E1,Ada,Lovelace,ada@example.com,Engineering,CC-1,active,2024-01-01,\n";
  private static final String BOB = "E2,Bob,Baker,bob@example.com,Sales,CC-2,active,2024-01-01,\n";
  private static final String CY = "E3,Cy,Young,cy@example.com,Support,CC-3,active,2024-01-01,\n";

  private Identity person(String employeeId) {
    List<IdentityId> found = store.identities().findByAttribute("employeeId", employeeId);
    assertThat(found).hasSize(1);
    return store.identities().find(found.get(0)).orElseThrow();
  }

  private long auditEvents() {
    return audited("%");
  }

  /** Audit events of the action (a LIKE pattern), chained or still in the inbox. */
  private long audited(String action) {
    return client
        .sql(
            "select (select count(*) from audit_events where action like ?)"
                + " + (select count(*) from audit_inbox where action like ?)")
        .param(action)
        .param(action)
        .query(Long.class)
        .single();
  }

  @Test
  void anUnchangedRowIsLeftAloneWithoutReadingItsIdentityAndAnAbsentPersonIsKept()
      throws Exception {
    openStore();
    assertThat(run(ADA + BOB + CY).created()).isEqualTo(3);
    Identity bob = person("E2");
    long events = auditEvents();

    ImportSummary again = run(ADA + BOB + CY);

    assertThat(again.unchanged()).isEqualTo(3);
    assertThat(again.changedIdentities()).isEmpty();
    assertThat(identities.readWhole).isEmpty();
    // only the import's own completion event
    assertThat(auditEvents()).isEqualTo(events + 1);

    ImportSummary withoutBob = run(ADA + CY);
    assertThat(withoutBob.unchanged()).isEqualTo(2);
    assertThat(person("E2")).isEqualTo(bob);
    assertThat(run(ADA + BOB + CY).unchanged()).isEqualTo(3);
    assertThat(identities.readWhole).isEmpty();
  }

  @Test
  void aRowLeftAloneRewritesItsLocationOnlyWhenItMovedToAnotherLine() throws Exception {
    openStore();
    run(ADA + BOB + CY);
    Map<String, String> first = locations();
    assertThat(first.values()).containsExactly("people.csv:2", "people.csv:3", "people.csv:4");
    Map<String, String> written = versions();

    assertThat(run(ADA + BOB + CY).unchanged()).isEqualTo(3);
    assertThat(remembered).as("no location handed to the store again").isEmpty();
    assertThat(versions()).as("no row written again").isEqualTo(written);

    assertThat(run(BOB + ADA + CY).unchanged()).isEqualTo(3);
    assertThat(remembered).containsExactlyInAnyOrder(person("E1").id(), person("E2").id());
    assertThat(locations().values())
        .containsExactly("people.csv:3", "people.csv:2", "people.csv:4");
    Map<String, String> now = versions();
    String cy = person("E3").id().value();
    assertThat(now.get(cy)).as("Cy's line did not move").isEqualTo(written.get(cy));
    for (String moved : List.of("E1", "E2")) {
      String id = person(moved).id().value();
      assertThat(now.get(id)).as(moved + "'s line moved").isNotEqualTo(written.get(id));
    }
  }

  /** The remembered location of each person's record, by employee id. */
  private Map<String, String> locations() {
    Map<String, String> found = new TreeMap<>();
    for (String employeeId : List.of("E1", "E2", "E3")) {
      found.put(
          employeeId,
          client
              .sql(
                  "select location from identity_source_records where identity_id = ? and source"
                      + " = 'hr'")
              .param(person(employeeId).id().value())
              .query(String.class)
              .single());
    }
    return found;
  }

  /** The row version (xmin) of each remembered location, by identity: a write changes it. */
  private Map<String, String> versions() {
    Map<String, String> found = new TreeMap<>();
    client
        .sql("select identity_id, xmin::text as version from identity_source_records")
        .query(
            row -> {
              found.put(row.getString("identity_id"), row.getString("version"));
            });
    return found;
  }

  @Test
  void everyValueTheImportWritesIsComparedEvenOneOnlyARuleReadsAndTheEmployment() throws Exception {
    openStore();
    run(ADA + BOB + CY);

    ImportSummary costCenter = run(ADA + BOB.replace("CC-2", "CC-9") + CY);
    assertThat(costCenter.updated()).isEqualTo(1);
    assertThat(costCenter.unchanged()).isEqualTo(2);
    assertThat(person("E2").attributes()).containsEntry("costCenter", "CC-9");
    assertThat(identities.readWhole).containsExactly(person("E2").id());

    ImportSummary removed = run(ADA + BOB.replace("CC-2", "") + CY);
    assertThat(removed.updated()).isEqualTo(1);
    assertThat(person("E2").attributes()).doesNotContainKey("costCenter");

    ImportSummary endDate = run(ADA.replace("2024-01-01,", "2024-01-01,2026-06-30") + BOB + CY);
    assertThat(endDate.updated()).isEqualTo(2);
    assertThat(person("E1").employment().endDate()).isEqualTo(LocalDate.of(2026, 6, 30));
    assertThat(person("E2").attributes()).containsEntry("costCenter", "CC-2");

    ImportSummary leaver =
        run(ADA.replace("active,2024-01-01,", "terminated,2024-01-01,2026-03-01") + BOB + CY);
    assertThat(leaver.updated()).isEqualTo(1);
    assertThat(person("E1").state()).isEqualTo(LifecycleState.TERMINATED);
  }

  @Test
  void aRowWhoseStateTheDayChangesIsMergedAgain() throws Exception {
    openStore();
    String leaving = BOB.replace("2024-01-01,", "2024-01-01,2026-03-05");
    run(ADA + leaving + CY);
    assertThat(person("E2").state()).isEqualTo(LifecycleState.ACTIVE);
    assertThat(run(ADA + leaving + CY).unchanged()).isEqualTo(3);

    clock.advance(Duration.ofDays(5));
    ImportSummary later = run(ADA + leaving + CY);

    assertThat(later.updated()).isEqualTo(1);
    assertThat(person("E2").state()).isEqualTo(LifecycleState.TERMINATED);
    assertThat(audited("identity.leaver")).isOne();
  }

  @Test
  void anIdentitySavedByAnythingElseIsReadWholeAgain() throws Exception {
    openStore();
    run(ADA + BOB + CY);
    Identity bob = person("E2");
    Map<String, String> edited = new java.util.TreeMap<>(bob.attributes());
    edited.put("department", "Edited elsewhere");
    store
        .identities()
        .save(
            new Identity(
                bob.id(),
                bob.state(),
                edited,
                bob.employment(),
                bob.usernames(),
                bob.sourceAttributes()));

    ImportSummary again = run(ADA + BOB + CY);

    assertThat(identities.readWhole).containsExactly(bob.id());
    assertThat(again.updated()).isEqualTo(1);
    assertThat(person("E2").attributes()).containsEntry("department", "Sales");
    assertThat(run(ADA + BOB + CY).unchanged()).isEqualTo(3);
    assertThat(identities.readWhole).isEmpty();
  }

  @Test
  void aChunkWhoseChangedRowTakesAKeyValueOfARowLeftAloneIsMergedWholeInFileOrder()
      throws Exception {
    openStore();
    run(BOB + ADA);
    Identity ada = person("E1");

    // one chunk: Bob takes Ada's e-mail (a correlation key), then Ada's row, unchanged
    ImportSummary taken = run(BOB.replace("bob@example.com", "ada@example.com") + ADA);

    assertThat(taken.updated()).isEqualTo(1);
    assertThat(taken.unchanged()).isEqualTo(1);
    assertThat(person("E2").attributes()).containsEntry("email", "ada@example.com");
    assertThat(person("E1")).isEqualTo(ada);
    // Ada's row was not judged on the store alone: the chunk was read whole
    assertThat(identities.readWhole).contains(ada.id(), person("E2").id());
  }

  @Test
  void identitiesStoredBeforeTheDigestsGetTheirSourcesDigestFromTheMigration() throws Exception {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .target(newestBefore82())
        .load()
        .migrate();
    insert(
        "id-one",
        "{\"hr\": {\"employeeId\": \"E1\", \"givenName\": \"Zoë\", \"familyName\": \"𝔘nicode\","
            + " \"email\": \"zoe@example.com\", \"department\": \"R&D: \\\"x\\\"\","
            + " \"costCenter\": \"CC-1\"}}",
        "2024-01-01",
        null);
    insert(
        "id-two",
        "{\"hr\": {\"employeeId\": \"E2\", \"givenName\": \"Two\", \"familyName\":"
            + " \"Sources\"}, \"scim\": {\"employeeId\": \"E2\"}}",
        "2024-01-01",
        null);
    insert("id-old", "{\"previous\": {\"employeeId\": \"E3\"}}", null, "2026-01-31");

    openStore();

    Map<String, String> one = new java.util.TreeMap<>();
    one.put("employeeId", "E1");
    one.put("givenName", "Zoë");
    one.put("familyName", "𝔘nicode");
    one.put("email", "zoe@example.com");
    one.put("department", "R&D: \"x\"");
    one.put("costCenter", "CC-1");
    Map<IdentityId, StoredReport> reports =
        store
            .identities()
            .findReports(
                "hr", List.of("employeeId", "email"), Map.of("employeeId", List.of("E1", "E2")));
    assertThat(reports.get(new IdentityId("id-one")).digest())
        .isEqualTo(
            RecordDigest.of(
                one,
                Optional.of(
                    new Employment(EmploymentStatus.ACTIVE, LocalDate.of(2024, 1, 1), null))));
    assertThat(reports.get(new IdentityId("id-one")).keys())
        .containsEntry("employeeId", "E1")
        .containsEntry("email", "zoe@example.com");
    assertThat(reports.get(new IdentityId("id-two")).digest()).isNull();
    assertThat(
            client
                .sql("select source_digests::text from identities where id = 'id-old'")
                .query(String.class)
                .single())
        .isEqualTo("{}");

    ImportSummary same =
        run(
            "E1,Zoë,𝔘nicode,zoe@example.com,\"R&D: \"\"x\"\"\",CC-1,active,2024-01-01,\n"
                + "E2,Two,Sources,,,,active,2024-01-01,\n");
    assertThat(same.unchanged()).isEqualTo(2);
    assertThat(identities.readWhole).containsExactly(new IdentityId("id-two"));
  }

  private void insert(String id, String sourceAttributes, String startDate, String endDate) {
    client
        .sql(
            "insert into identities (id, state, attributes, employment_status, start_date,"
                + " end_date, updated_at, source_attributes) values (?, 'ACTIVE',"
                + " coalesce(?::jsonb -> 'hr', '{}'), 'ACTIVE', ?::date, ?::date, now(), ?::jsonb)")
        .param(id)
        .param(sourceAttributes)
        .param(startDate)
        .param(endDate)
        .param(sourceAttributes)
        .update();
  }

  /** The newest migration before V82, whichever it is. */
  private static String newestBefore82() {
    return JdbcStore.migrationVersions().stream()
        .filter(version -> new BigDecimal(version).compareTo(BigDecimal.valueOf(82)) < 0)
        .max(Comparator.comparing(BigDecimal::new))
        .orElseThrow();
  }

  /** The store, counting the identities read whole. */
  private static final class CountingIdentities implements IdentityRepository {
    private final IdentityRepository store;
    private final List<IdentityId> readWhole = new ArrayList<>();

    CountingIdentities(IdentityRepository store) {
      this.store = store;
    }

    @Override
    public Optional<Identity> find(IdentityId id) {
      readWhole.add(id);
      return store.find(id);
    }

    @Override
    public List<Identity> findAll(Collection<IdentityId> ids) {
      readWhole.addAll(ids);
      return store.findAll(ids);
    }

    @Override
    public Map<IdentityId, Identity> findHoldingAny(
        Map<String, ? extends Collection<String>> valuesByAttribute) {
      Map<IdentityId, Identity> found = store.findHoldingAny(valuesByAttribute);
      readWhole.addAll(found.keySet());
      return found;
    }

    @Override
    public Map<IdentityId, StoredReport> findReports(
        String source,
        Collection<String> keys,
        Map<String, ? extends Collection<String>> valuesByAttribute) {
      return store.findReports(source, keys, valuesByAttribute);
    }

    @Override
    public List<IdentityId> findByAttribute(String attribute, String value) {
      return store.findByAttribute(attribute, value);
    }

    @Override
    public void save(Identity identity) {
      store.save(identity);
    }

    @Override
    public void saveAll(Collection<Identity> identities) {
      store.saveAll(identities);
    }

    @Override
    public void saveAll(Collection<Identity> identities, SourceDigests digests) {
      store.saveAll(identities, digests);
    }

    @Override
    public Stream<Identity> stream() {
      return store.stream();
    }

    @Override
    public boolean isUsernameTaken(TargetId target, String username) {
      return store.isUsernameTaken(target, username);
    }

    @Override
    public long count() {
      return store.count();
    }
  }
}
