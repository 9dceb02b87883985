package io.tenure.engine.provisioning;

import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.ingest.ManagerReferences;
import io.tenure.engine.ingest.SourceRecordLocations;
import io.tenure.engine.ingest.SourceSnapshots;
import io.tenure.engine.progress.ProgressBoard;
import io.tenure.engine.store.StoreFingerprint;
import java.time.Clock;
import java.util.Objects;

/**
 * What {@link Provisioning} consults around an import so that it never silently undoes newer
 * changes nor hides a broken file: the snapshot last imported from each source (an older file is
 * refused), which people each source knows (a file missing many of them is reported), and the
 * store's fingerprint (a saved plan is refused once the store changed).
 *
 * @param snapshots the snapshot last imported from each source
 * @param locations the records each source last reported people in
 * @param fingerprint the store's fingerprint
 * @param clock when snapshots are imported
 * @param managers who has a manager id that names nobody, and the warnings kept about people
 * @param audit where rejected rows are recorded (file, line, reason; never a value)
 * @param progress where imports and executions report how far they got
 * @param backlog the identities changed by chunks an import committed on its own and not planned
 *     for yet
 */
public record ImportSafeguards(
    SourceSnapshots snapshots,
    SourceRecordLocations locations,
    StoreFingerprint fingerprint,
    Clock clock,
    ManagerReferences managers,
    AuditLog audit,
    ProgressBoard progress,
    PlanningBacklog backlog) {

  public ImportSafeguards {
    Objects.requireNonNull(snapshots, "snapshots");
    Objects.requireNonNull(locations, "locations");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(managers, "managers");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(backlog, "backlog");
  }

  /**
   * Remembers nothing and fingerprints nothing (tools and tests); the backlog is kept in memory.
   */
  public static ImportSafeguards none() {
    return new ImportSafeguards(
        SourceSnapshots.none(),
        SourceRecordLocations.none(),
        StoreFingerprint.none(),
        Clock.systemUTC(),
        ManagerReferences.none(),
        discardingAudit(),
        new ProgressBoard(),
        PlanningBacklog.inMemory());
  }

  private static AuditLog discardingAudit() {
    return new AuditLog() {
      @Override
      public void append(io.tenure.engine.audit.AuditEvent event) {}

      @Override
      public java.util.List<io.tenure.engine.audit.AuditRecord> recent(
          @org.jspecify.annotations.Nullable String subjectContains, int limit) {
        return java.util.List.of();
      }

      @Override
      public io.tenure.engine.audit.AuditVerification verify() {
        throw new UnsupportedOperationException("this audit log keeps nothing");
      }
    };
  }
}
