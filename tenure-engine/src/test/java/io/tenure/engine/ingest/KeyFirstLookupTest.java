package io.tenure.engine.ingest;

import static io.tenure.engine.testing.Sources.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.engine.identity.SourceDigests;
import io.tenure.engine.identity.StoredReport;
import io.tenure.engine.testing.CountingTransactions;
import io.tenure.engine.testing.Importers;
import io.tenure.engine.testing.InMemoryAuditLog;
import io.tenure.engine.testing.InMemoryIdentityRepository;
import io.tenure.engine.testing.MutableClock;
import io.tenure.engine.testing.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chunk's lookup in the store: the holders of its primary key's values first, then the holders of
 * the fallback keys' values of the rows those do not show unchanged; the rows are applied as on the
 * holders of all the values.
 */
class KeyFirstLookupTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

  @TempDir Path folder;

  private final Lookups identities = new Lookups();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final CountingTransactions transactions = new CountingTransactions();
  private final MutableClock clock = MutableClock.on(TODAY);
  private final IdentityImporter importer =
      Importers.of(identities, audit, transactions, clock, "hr", "scim");

  @Test
  void aReImportLooksUpTheEmailsOfTheChangedRowsAlone() throws IOException {
    run(
        row("E1", "alice", "Engineering")
            + row("E2", "bob", "Sales")
            + row("E3", "carol", "Sales"));
    identities.lookups.clear();

    ImportSummary again =
        run(
            row("E1", "alice", "Engineering")
                + row("E2", "bob", "Support")
                + row("E3", "carol", "Sales"));

    assertThat(again.unchanged()).isEqualTo(2);
    assertThat(again.updated()).isEqualTo(1);
    assertThat(identities.byAttribute("employeeId", "E2").attributes())
        .containsEntry("department", "Support");
    assertThat(identities.lookups)
        .containsExactly(
            Map.of("employeeId", Set.of("E1", "E2", "E3")),
            Map.of("email", Set.of("bob@example.com")));
  }

  @Test
  void aReImportThatChangesNobodyLooksUpThePrimaryKeyAlone() throws IOException {
    String rows = row("E1", "alice", "Engineering") + row("E2", "bob", "Sales");
    run(rows);
    identities.lookups.clear();

    ImportSummary again = run(rows);

    assertThat(again.unchanged()).isEqualTo(2);
    assertThat(identities.lookups).containsExactly(Map.of("employeeId", Set.of("E1", "E2")));
  }

  @Test
  void aRowItsKeyDoesNotFindIsLookedUpOnItsEmail() throws IOException {
    run(row("E1", "alice", "Engineering"));
    identities.lookups.clear();

    // a row with a new employee id and Alice's e-mail: the e-mail finds her, who holds another
    // employee id, a conflict (never linked)
    ImportSummary again = run(row("E7", "alice", "Engineering"));

    assertThat(again.ambiguous()).isEqualTo(1);
    assertThat(identities.count()).isEqualTo(1);
    assertThat(identities.lookups)
        .containsExactly(
            Map.of("employeeId", Set.of("E7")), Map.of("email", Set.of("alice@example.com")));
  }

  @Test
  void aChangedRowTakingTheEmailOfARowLeftAloneHasTheChunkMergedOnEveryKeysHolders()
      throws IOException {
    run(row("E1", "alice", "Engineering") + row("E2", "bob", "Sales"));
    identities.lookups.clear();

    // Bob's row now gives Alice's e-mail: his identity then holds a value of her row, which was
    // judged on the store alone, so the whole chunk is merged in file order, on the holders of
    // all its values, looked up again in its transaction
    ImportSummary again =
        run(
            "E2,Bob,Archer,alice@example.com,Sales,active,2024-01-01,\n"
                + row("E1", "alice", "Engineering"));

    assertThat(again.updated()).isEqualTo(1);
    assertThat(again.unchanged()).isEqualTo(1);
    assertThat(identities.byAttribute("employeeId", "E2").attributes())
        .containsEntry("email", "alice@example.com");
    assertThat(identities.lookups)
        .containsExactly(
            Map.of("employeeId", Set.of("E1", "E2")),
            Map.of("email", Set.of("alice@example.com")),
            Map.of("employeeId", Set.of("E1", "E2"), "email", Set.of("alice@example.com")));
  }

  @Test
  void aRowFoundUnchangedTheDayBeforeItIsAppliedIsLookedUpInFull() throws IOException {
    // Alice's last day is today: found unchanged on her key today, she has left when her chunk
    // is applied, after midnight
    String alice = "E1,Alice,Archer,alice@example.com,Engineering,active,2024-01-01,2026-03-02\n";
    run(alice);
    assertThat(identities.byAttribute("employeeId", "E1").state()).isEqualTo(LifecycleState.ACTIVE);
    identities.lookups.clear();
    identities.advanceADayOnTheFirstLookupOf("email");

    ImportSummary again = run(alice + row("E4", "dan", "Sales"));

    assertThat(again.updated()).isEqualTo(1);
    assertThat(again.created()).isEqualTo(1);
    assertThat(identities.byAttribute("employeeId", "E1").state())
        .isEqualTo(LifecycleState.TERMINATED);
    assertThat(identities.lookups)
        .containsExactly(
            Map.of("employeeId", Set.of("E1", "E4")),
            Map.of("email", Set.of("dan@example.com")),
            Map.of(
                "employeeId",
                Set.of("E1", "E4"),
                "email",
                Set.of("alice@example.com", "dan@example.com")));
  }

  private ImportSummary run(String rows) throws IOException {
    Path file = folder.resolve("people.csv");
    Files.writeString(file, Sources.HEADER + rows);
    return importer.importSource(Sources.hr(file));
  }

  /**
   * The in-memory store keeping the sources' digests as the store's contract says ({@link
   * io.tenure.engine.identity.IdentityRepository#saveAll(Collection, SourceDigests)}), telling
   * which values of which keys each lookup of reports was for, and able to turn the clock's day
   * when a key is first looked up.
   */
  private final class Lookups extends InMemoryIdentityRepository {
    private final List<Map<String, Set<String>>> lookups = new CopyOnWriteArrayList<>();
    private final Map<IdentityId, Map<String, String>> digests = new ConcurrentHashMap<>();
    private volatile String turnTheDayOn = "";

    @Override
    public synchronized void save(Identity identity) {
      digests.remove(identity.id());
      super.save(identity);
    }

    @Override
    public synchronized void saveAll(Collection<Identity> saved, SourceDigests given) {
      saveAll(saved);
      Set<IdentityId> ids = new HashSet<>();
      saved.forEach(identity -> ids.add(identity.id()));
      given
          .byIdentity()
          .forEach(
              (id, digest) -> {
                if (ids.contains(id)) {
                  digests.put(id, new ConcurrentHashMap<>(Map.of(given.source(), digest)));
                } else {
                  digests
                      .computeIfAbsent(id, ignored -> new ConcurrentHashMap<>())
                      .put(given.source(), digest);
                }
              });
    }

    void advanceADayOnTheFirstLookupOf(String key) {
      turnTheDayOn = key;
    }

    @Override
    public Map<IdentityId, StoredReport> findReports(
        String source,
        Collection<String> keys,
        Map<String, ? extends Collection<String>> valuesByAttribute) {
      Map<String, Set<String>> looked = new TreeMap<>();
      valuesByAttribute.forEach((key, values) -> looked.put(key, new TreeSet<>(values)));
      lookups.add(looked);
      if (looked.containsKey(turnTheDayOn)) {
        turnTheDayOn = "";
        clock.advance(Duration.ofDays(1));
      }
      Map<IdentityId, StoredReport> reports = new TreeMap<>();
      super.findReports(source, keys, valuesByAttribute)
          .forEach(
              (id, report) -> {
                boolean fromThisSourceAlone =
                    Set.of(source).containsAll(get(id).sourceAttributes().keySet());
                String digest =
                    fromThisSourceAlone ? digests.getOrDefault(id, Map.of()).get(source) : null;
                reports.put(
                    id,
                    new StoredReport(
                        id, report.state(), report.employment(), report.keys(), digest));
              });
      return reports;
    }
  }
}
