package io.tenure.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.core.identity.Employment;
import io.tenure.core.identity.EmploymentStatus;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.engine.audit.AuditEvent;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityImporterTest {

  @TempDir Path folder;

  private final InMemoryIdentityRepository identities = new InMemoryIdentityRepository();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final CountingTransactions transactions = new CountingTransactions();
  private final MutableClock clock = MutableClock.on(LocalDate.of(2026, 3, 2));

  private IdentityImporter importer(int batchSize) {
    return Importers.of(identities, audit, transactions, clock, "hr", "scim")
        .withBatchSize(batchSize);
  }

  private final IdentityImporter importer = importer(500);

  @Test
  void joinerMoverLeaveLeaverAndRehireAreDetectedAndAudited() throws IOException {
    ImportSummary first =
        run(
            "E1,Alice,Archer,alice@example.com,Engineering,active,2024-01-01,\n"
                + "E2,Bob,Baker,bob@example.com,Sales,active,2024-01-01,\n");
    assertThat(first.created()).isEqualTo(2);
    Identity alice = identities.byAttribute("employeeId", "E1");
    assertThat(alice.state()).isEqualTo(LifecycleState.ACTIVE);
    assertThat(alice.attributes()).containsEntry("displayName", "Alice Archer");
    assertThat(actions(alice.id())).containsExactly("identity.joiner");
    AuditEvent joiner = events(alice.id()).get(0);
    assertThat(joiner.actor()).isEqualTo("hr-import:hr");
    assertThat(joiner.reason()).startsWith("people.csv:2: joiner");

    ImportSummary second =
        run(
            "E1,Alice,Archer,alice@example.com,Sales,active,2024-01-01,\n"
                + "E2,Bob,Baker,bob@example.com,Sales,leave,2024-01-01,\n");
    assertThat(second.updated()).isEqualTo(2);
    Identity bob = identities.byAttribute("employeeId", "E2");
    assertThat(bob.state()).isEqualTo(LifecycleState.SUSPENDED);
    assertThat(actions(alice.id())).containsExactly("identity.joiner", "identity.mover");
    assertThat(events(alice.id()).get(1).reason())
        .isEqualTo("people.csv:2: mover: department Engineering -> Sales");
    assertThat(actions(bob.id())).contains("identity.leave-started");

    ImportSummary third =
        run(
            "E1,Alice,Archer,alice@example.com,Sales,terminated,2024-01-01,2026-02-27\n"
                + "E2,Bob,Baker,bob@example.com,Sales,active,2024-01-01,2026-02-31\n");
    assertThat(third.updated()).isEqualTo(1);
    assertThat(third.rejected()).isEqualTo(1);
    assertThat(third.problems()).hasSize(1);
    assertThat(third.problems().get(0).render())
        .isEqualTo(
            "people.csv:3: column end_date: \"2026-02-31\" is not a valid date (yyyy-MM-dd)");
    assertThat(identities.get(alice.id()).state()).isEqualTo(LifecycleState.TERMINATED);
    assertThat(actions(alice.id())).containsSubsequence("identity.mover", "identity.leaver");
    assertThat(identities.get(bob.id()))
        .as("a rejected row leaves the person as stored")
        .isEqualTo(bob);

    ImportSummary fourth = run("E1,Alice,Archer,alice@example.com,Sales,active,2026-03-02,\n");
    assertThat(fourth.updated()).isEqualTo(1);
    assertThat(identities.get(alice.id()).state()).isEqualTo(LifecycleState.ACTIVE);
    assertThat(identities.get(alice.id()).id()).isEqualTo(alice.id());
    assertThat(actions(alice.id())).contains("identity.rehire");
    assertThat(identities.count()).as("a rehire is never a duplicate identity").isEqualTo(2);
    assertThat(identities.get(bob.id()))
        .as("a person missing from the file is not terminated")
        .isEqualTo(bob);
  }

  @Test
  void anUnchangedRowChangesNothingAndWritesNoIdentityEvent() throws IOException {
    String row = "E1,Alice,Archer,alice@example.com,Engineering,active,2024-01-01,\n";
    run(row);
    int events = audit.events().size();
    ImportSummary again = run(row);
    assertThat(again.unchanged()).isEqualTo(1);
    assertThat(again.applied()).isZero();
    assertThat(again.changedIdentities()).isEmpty();
    assertThat(audit.events().subList(events, audit.events().size()))
        .extracting(AuditEvent::action)
        .containsExactly("import.completed");
  }

  @Test
  void anAmbiguousMatchIsReportedAndNeverLinked() throws IOException {
    Identity first = stored("identity-a", Map.of("email", "shared@example.com"));
    Identity second = stored("identity-b", Map.of("email", "shared@example.com"));

    ImportSummary summary = run("E9,Sam,Shared,shared@example.com,Sales,active,2024-01-01,\n");

    assertThat(summary.ambiguous()).isEqualTo(1);
    assertThat(summary.created()).isZero();
    assertThat(summary.problems().get(0).render())
        .startsWith("people.csv:2: ambiguous: 2 identities have email = 'shared@example.com'");
    assertThat(identities.get(first.id())).isEqualTo(first);
    assertThat(identities.get(second.id())).isEqualTo(second);
    assertThat(identities.count()).isEqualTo(2);
    assertThat(audit.events())
        .extracting(AuditEvent::action)
        .contains("identity.correlation-refused");
  }

  @Test
  void aFallbackMatchOnAnotherPersonsEmailIsAConflictAndNeverLinked() throws IOException {
    Identity other =
        stored("identity-a", Map.of("employeeId", "E1", "email", "shared@example.com"));

    ImportSummary summary = run("E2,Sam,Other,shared@example.com,Sales,active,2024-01-01,\n");

    assertThat(summary.ambiguous()).isEqualTo(1);
    assertThat(identities.get(other.id())).isEqualTo(other);
    assertThat(identities.count()).isEqualTo(1);
  }

  @Test
  void aLaterRowOfTheSameChunkFindsWhatAnEarlierRowMade() throws IOException {
    ImportSummary summary =
        run(
            "E1,Alice,Archer,alice@example.com,Engineering,active,2024-01-01,\n"
                + "E2,Sam,Other,alice@example.com,Sales,active,2024-01-01,\n"
                + "E3,Carol,Cook,carol@example.com,Sales,active,2024-01-01,\n");

    assertThat(summary.created()).isEqualTo(2);
    assertThat(summary.ambiguous())
        .as("Alice's e-mail, made two rows earlier, with another employee id: a conflict")
        .isEqualTo(1);
    assertThat(summary.problems().get(0).render()).startsWith("people.csv:3: ");
    assertThat(identities.count()).isEqualTo(2);

    ImportSummary again =
        run(
            "E1,Alice,Archer,alice@example.com,Sales,active,2024-01-01,\n"
                + "E3,Carol,Cook,carol@example.com,Sales,active,2024-01-01,\n");
    assertThat(again.updated()).isEqualTo(1);
    assertThat(again.unchanged()).isEqualTo(1);
    Identity alice = identities.byAttribute("employeeId", "E1");
    assertThat(actions(alice.id())).containsExactly("identity.joiner", "identity.mover");
    assertThat(identities.count()).isEqualTo(2);
  }

  @Test
  void rowsAreAppliedInBatchesOfTheConfiguredSize() throws IOException {
    StringBuilder rows = new StringBuilder();
    for (int index = 1; index <= 5; index++) {
      rows.append("E")
          .append(index)
          .append(",A,B,a")
          .append(index)
          .append("@example.com,Sales,active,2024-01-01,\n");
    }
    ImportSummary summary = run(importer(2), rows.toString());
    assertThat(summary.created()).isEqualTo(5);
    assertThat(summary.rowsRead()).isEqualTo(5);
    assertThat(transactions.count()).as("3 batches and the closing audit event").isEqualTo(4);
  }

  @Test
  void aFileWithoutTheConfiguredColumnsIsRefusedAndChangesNothing() throws IOException {
    Path file = folder.resolve("people.csv");
    Files.writeString(file, "employee_id,first_name\nE1,Alice\n");
    ImportSummary summary = importer.importSource(Sources.hr(file));
    assertThat(summary.fileRejected()).isTrue();
    assertThat(summary.rowsRead()).isZero();
    assertThat(summary.problems().get(0).message()).contains("last_name", "status", "start_date");
    assertThat(identities.count()).isZero();
  }

  private Identity stored(String id, Map<String, String> attributes) {
    Identity identity =
        new Identity(
            new IdentityId(id),
            LifecycleState.ACTIVE,
            attributes,
            new Employment(EmploymentStatus.ACTIVE, null, null),
            Map.of());
    identities.save(identity);
    return identity;
  }

  @Test
  void eachChunkIsToldTheIdentitiesItChangedInsideItsTransaction() throws IOException {
    IdentityImporter inPairs = importer(2);
    run(inPairs, "E1,Alice,Archer,alice@example.com,Engineering,active,2024-01-01,\n");
    Path file = folder.resolve("people.csv");
    Files.writeString(
        file,
        Sources.HEADER
            + "E1,Alice,Archer,alice@example.com,Sales,active,2024-01-01,\n"
            + "E2,Bob,Baker,bob@example.com,Sales,active,2024-01-01,\n"
            + "E3,Cleo,Cole,cleo@example.com,Sales,active,2024-01-01,\n"
            + "E4,Dan,Dyer,dan@example.com,Sales,active,2024-01-01,\n"
            + "E5,Eve,Ernst,eve@example.com,Sales,active,2024-01-01,\n");
    List<Set<IdentityId>> told = new ArrayList<>();
    ImportSummary summary =
        inPairs.importSource(
            Sources.hr(file),
            changed -> {
              assertThat(transactions.isOpen()).as("inside the chunk's transaction").isTrue();
              told.add(changed);
            });
    assertThat(told).hasSize(3).allSatisfy(chunk -> assertThat(chunk).isNotEmpty());
    assertThat(told.get(0))
        .containsExactlyInAnyOrder(
            identities.byAttribute("employeeId", "E1").id(),
            identities.byAttribute("employeeId", "E2").id());
    assertThat(told.stream().mapToInt(Set::size).sum()).isEqualTo(5);
    assertThat(summary.changedIdentities())
        .containsExactlyInAnyOrderElementsOf(told.stream().flatMap(Set::stream).toList());
  }

  @Test
  void aCensusCountsRowsAndRejectedRowsAndWritesNothing() throws IOException {
    Path file = folder.resolve("people.csv");
    Files.writeString(
        file,
        Sources.HEADER
            + "E1,Alice,Archer,alice@example.com,Sales,active,2024-01-01,\n"
            + "E2,Bob,Baker,bob@example.com,Sales,active,01/01/2024,\n"
            + "E3,Cleo,Cole,cleo@example.com,Sales,active,2024-01-01,\n"
            + "E4,Dan,Dyer,dan@example.com,Sales,active,x,\n");
    SourceCensus whole = importer.census(Sources.hr(file), sofar -> false);
    assertThat(whole).isEqualTo(new SourceCensus(4, 2, true, null));
    assertThat(whole.accepted()).isEqualTo(2);
    SourceCensus stopped = importer.census(Sources.hr(file), sofar -> sofar.rowsRead() == 2);
    assertThat(stopped).isEqualTo(new SourceCensus(2, 1, false, null));
    SourceCensus missing = importer.census(Sources.hr(folder.resolve("none.csv")), s -> false);
    assertThat(missing.refusal()).isNotNull();
    assertThat(missing.refusal().render()).contains("none.csv").contains("cannot read the file");
    assertThat(identities.count()).isZero();
    assertThat(audit.events()).isEmpty();
    assertThat(transactions.count()).isZero();
  }

  private ImportSummary run(String rows) throws IOException {
    return run(importer, rows);
  }

  private ImportSummary run(IdentityImporter with, String rows) throws IOException {
    Path file = folder.resolve("people.csv");
    Files.writeString(file, Sources.HEADER + rows);
    return with.importSource(Sources.hr(file));
  }

  private List<AuditEvent> events(IdentityId id) {
    return audit.events().stream()
        .filter(event -> event.subject().equals("identity " + id))
        .toList();
  }

  private List<String> actions(IdentityId id) {
    return events(id).stream().map(AuditEvent::action).toList();
  }
}
