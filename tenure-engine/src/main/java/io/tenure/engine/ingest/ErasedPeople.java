package io.tenure.engine.ingest;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Tombstones of pseudonymised people: for each correlation key value a person held (employee id,
 * e-mail, ...), only a keyed digest of the attribute and value (HMAC-SHA256 under a key kept
 * outside the store) and when they were pseudonymised, so that a later import of a source that
 * still lists them recognises them without Tenure holding the value again.
 *
 * <p>Both methods take part in the caller's transaction.
 */
public interface ErasedPeople {

  /**
   * Remembers that the person who held these values was pseudonymised at that time.
   *
   * @param values attribute name to the person's values of it
   */
  void remember(Map<String, Set<String>> values, Instant pseudonymisedAt);

  /**
   * Which of the values belong to a pseudonymised person, in one look-up.
   *
   * @param values attribute name to values (for example a chunk of records' correlation keys)
   * @return attribute name to value to when its holder was pseudonymised, only for the values that
   *     have a tombstone
   */
  Map<String, Map<String, Instant>> find(Map<String, Set<String>> values);

  /** No tombstones: remembers nothing and finds nothing. */
  static ErasedPeople none() {
    return new ErasedPeople() {
      @Override
      public void remember(Map<String, Set<String>> values, Instant pseudonymisedAt) {}

      @Override
      public Map<String, Map<String, Instant>> find(Map<String, Set<String>> values) {
        return Map.of();
      }
    };
  }
}
