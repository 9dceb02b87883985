package io.tenure.engine.ingest;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Port: where each source's last complete incremental read ended ({@link SourceRead#checkpoint()}),
 * so that the next import reads only what changed since. Saved in the import's transaction: an
 * import that is rolled back (a refused plan, a dry run) does not move it.
 */
public interface SourceCheckpoints {

  /** Where the last complete read of the source ended, if it was incremental. */
  Optional<String> last(String source);

  /** Remembers where the source's last complete read ended. */
  void save(String source, String checkpoint);

  /** Checkpoints that are never kept: every read is a whole one. */
  static SourceCheckpoints none() {
    return new SourceCheckpoints() {
      @Override
      public Optional<String> last(String source) {
        return Optional.empty();
      }

      @Override
      public void save(String source, String checkpoint) {}
    };
  }

  /** Checkpoints kept in memory, for tests and tools. */
  static SourceCheckpoints inMemory() {
    Map<String, String> saved = new ConcurrentHashMap<>();
    return new SourceCheckpoints() {
      @Override
      public Optional<String> last(String source) {
        return Optional.ofNullable(saved.get(source));
      }

      @Override
      public void save(String source, String checkpoint) {
        saved.put(source, checkpoint);
      }
    };
  }
}
