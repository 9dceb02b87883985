package io.tenure.engine.planning;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.core.account.TargetId;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.AddEntitlement;
import io.tenure.core.plan.Operation;
import io.tenure.core.plan.Reason;
import io.tenure.core.plan.RemoveEntitlement;
import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.testing.InMemoryAuditLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class MoveNotesTest {

  private static final TargetId DIRECTORY = new TargetId("directory");
  private static final IdentityId MOVER = new IdentityId("identity-1");

  @Test
  void aRemovalAfterAMoveSaysItIsAMoveAndFromWhatToWhat() {
    MoveNotes notes = new MoveNotes();
    InMemoryAuditLog delegate = new InMemoryAuditLog();
    AuditLog audit = notes.noting(delegate);
    audit.append(
        new AuditEvent(
            Instant.parse("2026-03-02T08:00:00Z"),
            "hr-import:hr",
            "identity.mover",
            "identity identity-1",
            "people.csv:3: mover: department Sales -> Engineering",
            "success",
            Map.of()));
    assertThat(delegate.recent(null, 10)).as("passed on").hasSize(1);
    Reason account = Reason.of("lifecycle ACTIVE");
    List<Operation> operations =
        List.of(
            new RemoveEntitlement(
                DIRECTORY, "jsmith", MOVER, "sales", account.because("no longer granted")),
            new AddEntitlement(
                DIRECTORY, "jsmith", MOVER, "engineering", account.because("rule engineers")),
            new RemoveEntitlement(
                DIRECTORY,
                "other",
                new IdentityId("identity-2"),
                "sales",
                account.because("no longer granted")));

    List<Operation> explained = notes.explain(operations);

    assertThat(explained.get(0).reason().render())
        .isEqualTo(
            "no longer granted after the move department Sales -> Engineering, from lifecycle"
                + " ACTIVE");
    assertThat(explained.get(1)).isEqualTo(operations.get(1));
    assertThat(explained.get(2)).as("somebody who did not move").isEqualTo(operations.get(2));
    notes.clear();
    assertThat(notes.explain(operations)).isEqualTo(operations);
  }

  @Test
  void aBatchOfEventsIsPassedOnAsOneBatchAndItsMovesAreNoted() {
    MoveNotes notes = new MoveNotes();
    List<List<AuditEvent>> batches = new ArrayList<>();
    AuditLog batching =
        new AuditLog() {
          @Override
          public void append(AuditEvent event) {
            batches.add(List.of(event));
          }

          @Override
          public void appendAll(List<AuditEvent> events) {
            batches.add(List.copyOf(events));
          }

          @Override
          public List<io.tenure.engine.audit.AuditRecord> recent(
              @Nullable String subjectContains, int limit) {
            return List.of();
          }

          @Override
          public List<io.tenure.engine.audit.AuditRecord> search(
              io.tenure.engine.audit.AuditQuery query) {
            return List.of();
          }

          @Override
          public io.tenure.engine.audit.AuditVerification verify() {
            throw new UnsupportedOperationException();
          }
        };
    AuditEvent joiner =
        new AuditEvent(
            Instant.parse("2026-03-02T08:00:00Z"),
            "hr-import:hr",
            "identity.joiner",
            "identity identity-2",
            "people.csv:2: joiner",
            "success",
            Map.of());
    AuditEvent move =
        new AuditEvent(
            Instant.parse("2026-03-02T08:00:00Z"),
            "hr-import:hr",
            "identity.mover",
            "identity identity-1",
            "people.csv:3: mover: department Sales -> Engineering",
            "success",
            Map.of());

    notes.noting(batching).appendAll(List.of(joiner, move));

    assertThat(batches)
        .as("one batch, not one append per event")
        .containsExactly(List.of(joiner, move));
    assertThat(notes.moveOf(MOVER)).contains("department Sales -> Engineering");
  }
}
