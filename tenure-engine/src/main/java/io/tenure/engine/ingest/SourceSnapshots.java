package io.tenure.engine.ingest;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Port: per source, the snapshot last imported from it ({@link SourceSnapshot}). Written in the
 * import's transaction, so a dry run ({@code tenure plan}) records nothing.
 */
public interface SourceSnapshots {

  /** The snapshot last imported from the source, if any. */
  Optional<SourceSnapshot> last(String source);

  /** Remembers the snapshot as the last one imported from its source (replacing the previous). */
  void record(SourceSnapshot snapshot);

  /** Remembers nothing. */
  static SourceSnapshots none() {
    return new SourceSnapshots() {
      @Override
      public Optional<SourceSnapshot> last(String source) {
        return Optional.empty();
      }

      @Override
      public void record(SourceSnapshot snapshot) {}
    };
  }

  /** Kept in memory, for tests and tools. */
  static SourceSnapshots inMemory() {
    Map<String, SourceSnapshot> snapshots = new ConcurrentHashMap<>();
    return new SourceSnapshots() {
      @Override
      public Optional<SourceSnapshot> last(String source) {
        return Optional.ofNullable(snapshots.get(source));
      }

      @Override
      public void record(SourceSnapshot snapshot) {
        snapshots.put(snapshot.source(), snapshot);
      }
    };
  }
}
