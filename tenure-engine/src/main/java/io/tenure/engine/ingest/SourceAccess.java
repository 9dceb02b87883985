package io.tenure.engine.ingest;

import java.util.Objects;

/**
 * How an importer reaches its sources and what it remembers about them between imports.
 *
 * @param readers the reader of each source type
 * @param checkpoints where incremental reads continue from
 * @param locations the record each source last reported each person in
 */
public record SourceAccess(
    SourceReaders readers, SourceCheckpoints checkpoints, SourceRecordLocations locations) {

  public SourceAccess {
    Objects.requireNonNull(readers, "readers");
    Objects.requireNonNull(checkpoints, "checkpoints");
    Objects.requireNonNull(locations, "locations");
  }

  /** CSV files only, nothing remembered. */
  public static SourceAccess filesOnly() {
    return new SourceAccess(
        SourceReaders.builtIn(), SourceCheckpoints.none(), SourceRecordLocations.none());
  }
}
