package io.tenure.engine.ingest;

import static io.tenure.engine.testing.Sources.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.engine.configuration.SourceDefinition;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link IdentityImporter#importInCommittedChunks}: the next chunk is looked up while one is
 * applied, and the result is the one of importing the chunks one after the other.
 */
class ReadAheadImportTest {

  @TempDir Path folder;

  private final Lookups identities = new Lookups();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final CountingTransactions transactions = new CountingTransactions();
  private final MutableClock clock = MutableClock.on(LocalDate.of(2026, 3, 2));
  private final IdentityImporter importer =
      Importers.of(identities, audit, transactions, clock, "hr", "scim").withBatchSize(2);

  @Test
  void eachChunkIsLookedUpOnTheReadingThreadAndCommitsOnItsOwn() throws IOException {
    Set<IdentityId> backlog = new HashSet<>();
    List<Integer> chunks = new ArrayList<>();
    ImportSummary summary =
        importer.importInCommittedChunks(
            file(
                row("E1", "alice", "Engineering")
                    + row("E2", "bob", "Sales")
                    + row("E3", "carol", "Sales")
                    + row("E4", "dave", "Support")
                    + row("E5", "erin", "Legal")),
            changed -> {
              assertThat(transactions.isOpen()).as("told in the chunk's transaction").isTrue();
              backlog.addAll(changed);
              chunks.add(changed.size());
            },
            checkpoint -> {});

    assertThat(summary.created()).isEqualTo(5);
    assertThat(chunks).containsExactly(2, 2, 1);
    assertThat(backlog).hasSize(5);
    assertThat(identities.lookups)
        .as(
            "per chunk the primary key's values, then the e-mails of the rows not found unchanged"
                + " (all: they are new), on the reading thread; none again: no chunk wrote what the"
                + " next looked for")
        .containsExactly(
            "tenure-import-read-ahead employeeId",
            "tenure-import-read-ahead email",
            "tenure-import-read-ahead employeeId",
            "tenure-import-read-ahead email",
            "tenure-import-read-ahead employeeId",
            "tenure-import-read-ahead email");
    assertThat(transactions.count())
        .as("a transaction per chunk, and the audit of the import")
        .isEqualTo(4);
  }

  @Test
  void aChunkLookedUpBeforeTheChunkBeforeItSavedSomeoneItMatchesIsLookedUpAgain()
      throws IOException {
    // chunk 1 creates E9 with ivan@example.com; chunk 2 brings E10 with the same e-mail, which
    // conflicts with E9 read one after the other. Its lookup, made before chunk 1 saved E9, found
    // nobody: applied on that, E10 would be a new person holding E9's e-mail.
    identities.holdFirstSaveUntilLookups(4);
    ImportSummary summary =
        importer.importInCommittedChunks(
            file(
                row("E1", "alice", "Engineering")
                    + row("E9", "ivan", "Engineering")
                    + row("E10", "ivan", "Sales")
                    + row("E3", "carol", "Sales")),
            changed -> {},
            checkpoint -> {});

    assertThat(identities.savesHeld).as("the lookup of chunk 2 came first").isTrue();
    assertThat(summary.created()).isEqualTo(3);
    assertThat(summary.ambiguous()).isEqualTo(1);
    assertThat(summary.problems())
        .singleElement()
        .satisfies(problem -> assertThat(problem.render()).startsWith("people.csv:4: "));
    assertThat(identities.findByAttribute("email", "ivan@example.com"))
        .as("nobody else holds E9's e-mail")
        .hasSize(1);
    assertThat(identities.lookups)
        .containsExactly(
            "tenure-import-read-ahead employeeId",
            "tenure-import-read-ahead email",
            "tenure-import-read-ahead employeeId",
            "tenure-import-read-ahead email",
            Thread.currentThread().getName() + " employeeId",
            Thread.currentThread().getName() + " email");
  }

  private SourceDefinition file(String rows) throws IOException {
    Path file = folder.resolve("people.csv");
    Files.writeString(file, Sources.HEADER + rows);
    return Sources.hr(file);
  }

  /**
   * The in-memory store, telling which thread looked up reports for which keys' values, and able to
   * hold its first save until a number of lookups have been made.
   */
  private static final class Lookups extends InMemoryIdentityRepository {
    private final List<String> lookups = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private volatile boolean holding;
    private volatile boolean savesHeld;

    void holdFirstSaveUntilLookups(int count) {
      hold = new CountDownLatch(count);
      holding = true;
    }

    @Override
    public Map<IdentityId, StoredReport> findReports(
        String source,
        Collection<String> keys,
        Map<String, ? extends Collection<String>> valuesByAttribute) {
      Map<IdentityId, StoredReport> found = super.findReports(source, keys, valuesByAttribute);
      lookups.add(
          Thread.currentThread().getName() + " " + String.join(",", valuesByAttribute.keySet()));
      hold.countDown();
      return found;
    }

    @Override
    public void save(Identity identity) {
      if (holding) {
        holding = false;
        try {
          savesHeld = hold.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      super.save(identity);
    }
  }
}
