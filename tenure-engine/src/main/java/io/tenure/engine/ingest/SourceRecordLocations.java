package io.tenure.engine.ingest;

import io.tenure.core.identity.IdentityId;
import io.tenure.core.source.RecordLocation;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Port: per identity and source, the record that source last reported the person in ({@code
 * people.csv:17}, {@code hr_people:E1001}, a DN), so that a plan's reasons can name where an
 * attribute came from. Written in the import's transaction.
 */
public interface SourceRecordLocations {

  /**
   * Remembers, for each identity, the record the source reported it in (replacing the previous).
   */
  void remember(String source, Map<IdentityId, RecordLocation> locations);

  /**
   * The remembered records of these identities: per identity that has any, per source, the location
   * as text.
   */
  Map<IdentityId, Map<String, String>> of(Collection<IdentityId> identities);

  /** How many people the source has reported (a record is remembered for). */
  default long count(String source) {
    return 0;
  }

  /** Remembers nothing. */
  static SourceRecordLocations none() {
    return new SourceRecordLocations() {
      @Override
      public void remember(String source, Map<IdentityId, RecordLocation> locations) {}

      @Override
      public Map<IdentityId, Map<String, String>> of(Collection<IdentityId> identities) {
        return Map.of();
      }
    };
  }

  /** Kept in memory, for tests and tools. */
  static SourceRecordLocations inMemory() {
    Map<IdentityId, Map<String, String>> remembered = new ConcurrentHashMap<>();
    return new SourceRecordLocations() {
      @Override
      public void remember(String source, Map<IdentityId, RecordLocation> locations) {
        locations.forEach(
            (identity, location) ->
                remembered
                    .computeIfAbsent(identity, id -> new ConcurrentHashMap<>())
                    .put(source, location.toString()));
      }

      @Override
      public long count(String source) {
        return remembered.values().stream()
            .filter(bySource -> bySource.containsKey(source))
            .count();
      }

      @Override
      public Map<IdentityId, Map<String, String>> of(Collection<IdentityId> identities) {
        Map<IdentityId, Map<String, String>> found = new TreeMap<>();
        for (IdentityId identity : identities) {
          Map<String, String> bySource = remembered.get(identity);
          if (bySource != null) {
            found.put(identity, Map.copyOf(bySource));
          }
        }
        return found;
      }
    };
  }
}
