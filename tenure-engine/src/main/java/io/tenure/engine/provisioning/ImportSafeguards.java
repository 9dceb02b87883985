package io.tenure.engine.provisioning;

import io.tenure.engine.ingest.SourceRecordLocations;
import io.tenure.engine.ingest.SourceSnapshots;
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
 */
public record ImportSafeguards(
    SourceSnapshots snapshots,
    SourceRecordLocations locations,
    StoreFingerprint fingerprint,
    Clock clock) {

  public ImportSafeguards {
    Objects.requireNonNull(snapshots, "snapshots");
    Objects.requireNonNull(locations, "locations");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(clock, "clock");
  }

  /** Remembers nothing and fingerprints nothing (tools and tests). */
  public static ImportSafeguards none() {
    return new ImportSafeguards(
        SourceSnapshots.none(),
        SourceRecordLocations.none(),
        StoreFingerprint.none(),
        Clock.systemUTC());
  }
}
