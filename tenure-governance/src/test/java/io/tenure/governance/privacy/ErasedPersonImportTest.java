package io.tenure.governance.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.core.source.RecordProblem;
import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.ingest.IdentityImporter;
import io.tenure.engine.ingest.ImportSummary;
import io.tenure.engine.testing.CountingTransactions;
import io.tenure.engine.testing.Importers;
import io.tenure.engine.testing.InMemoryAccountRepository;
import io.tenure.engine.testing.InMemoryAuditLog;
import io.tenure.engine.testing.InMemoryErasedPeople;
import io.tenure.engine.testing.InMemoryIdentityRepository;
import io.tenure.engine.testing.MutableClock;
import io.tenure.engine.testing.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pseudonymised person still listed by the source is neither found nor created again. */
class ErasedPersonImportTest {

  private static final String LEAVER =
      "E1,Alice,Archer,alice@example.com,Sales,terminated,2024-01-01,2026-02-27\n";
  private static final String OTHERS =
      "E2,Bob,Baker,bob@example.com,Sales,active,2024-01-01,\n"
          + "E3,Cy,Cole,cy@example.com,Sales,active,2024-01-01,\n";

  @TempDir Path folder;

  private final InMemoryIdentityRepository identities = new InMemoryIdentityRepository();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final CountingTransactions transactions = new CountingTransactions();
  private final MutableClock clock = MutableClock.on(LocalDate.of(2026, 3, 2));
  private final InMemoryErasedPeople erased = new InMemoryErasedPeople();
  private final IdentityImporter importer =
      Importers.of(identities, audit, transactions, clock, "hr")
          .withBatchSize(2)
          .withErasedPeople(erased);
  private final PersonalData personalData =
      new PersonalData(
          identities,
          new InMemoryAccountRepository(),
          audit,
          transactions,
          clock,
          () -> "abc",
          Set.of("employeeId", "email"),
          erased);

  @Test
  void
      theLeaversRowIsSkippedWithoutItsValuesAndTombstonesAreLookedUpOnlyForAChunkThatMatchesNobody()
          throws IOException {
    run(LEAVER + OTHERS);
    personalData.pseudonymise("E1", "tester");
    int before = identities.stream().toList().size();
    int auditBefore = audit.events().size();
    int lookupsBefore = erased.lookups();

    ImportSummary again = run(LEAVER + OTHERS);

    assertThat(identities.stream().toList()).hasSize(before);
    assertThat(again.created()).isZero();
    assertThat(again.unmatched()).isEqualTo(1);
    assertThat(again.problems())
        .extracting(RecordProblem::render)
        .containsExactly("people.csv:2: erased person (pseudonymised on 2026-03-02), not imported");
    // chunks of 2: the first holds the leaver's row, which matches nobody; the second's row (E3)
    // matches its stored identity, so nothing there asks for tombstones
    assertThat(erased.lookups() - lookupsBefore)
        .as("one look-up, for the chunk whose row matches nobody")
        .isEqualTo(1);
    List<AuditEvent> written = audit.events().subList(auditBefore, audit.events().size());
    assertThat(written.toString()).doesNotContain("E1", "Alice", "Archer", "alice@example.com");
    assertThat(identities.stream().toList().toString())
        .doesNotContain("E1", "Alice", "alice@example.com");
  }

  @Test
  void theFallbackKeyFindsThemToo() throws IOException {
    run(LEAVER);
    personalData.pseudonymise("E1", "tester");

    ImportSummary again =
        run("E77,Alice,Archer,alice@example.com,Sales,terminated,2024-01-01,2026-02-27\n");

    assertThat(again.created()).isZero();
    assertThat(again.unmatched()).isEqualTo(1);
  }

  @Test
  void aRehireIsRefusedWithWhatToDo() throws IOException {
    run(LEAVER);
    personalData.pseudonymise("E1", "tester");
    int before = identities.stream().toList().size();

    ImportSummary rehire = run("E1,Alice,Archer,alice@example.com,Sales,active,2026-03-01,\n");

    assertThat(identities.stream().toList()).hasSize(before);
    assertThat(rehire.created()).isZero();
    assertThat(rehire.rejected()).isEqualTo(1);
    assertThat(rehire.problems().get(0).render())
        .startsWith("people.csv:2: erased person (pseudonymised on 2026-03-02)")
        .contains("source hr", "give the rehire a new employeeId")
        .doesNotContain("E1", "Alice");
  }

  private ImportSummary run(String rows) throws IOException {
    Path file = folder.resolve("people.csv");
    Files.writeString(file, Sources.HEADER + rows);
    return importer.importSource(Sources.hr(file));
  }
}
