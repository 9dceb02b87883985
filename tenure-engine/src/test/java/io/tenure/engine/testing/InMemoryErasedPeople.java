package io.tenure.engine.testing;

import io.tenure.engine.ingest.ErasedPeople;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Tombstones in memory (values kept as given: tests only), counting the look-ups. */
public final class InMemoryErasedPeople implements ErasedPeople {

  private final Map<String, Map<String, Instant>> tombstones = new HashMap<>();
  private int lookups;

  @Override
  public void remember(Map<String, Set<String>> values, Instant pseudonymisedAt) {
    values.forEach(
        (name, held) ->
            held.forEach(
                value ->
                    tombstones
                        .computeIfAbsent(name, ignored -> new HashMap<>())
                        .putIfAbsent(value, pseudonymisedAt)));
  }

  @Override
  public Map<String, Map<String, Instant>> find(Map<String, Set<String>> values) {
    lookups++;
    Map<String, Map<String, Instant>> found = new HashMap<>();
    values.forEach(
        (name, wanted) ->
            wanted.forEach(
                value -> {
                  Instant at = tombstones.getOrDefault(name, Map.of()).get(value);
                  if (at != null) {
                    found.computeIfAbsent(name, ignored -> new HashMap<>()).put(value, at);
                  }
                }));
    return found;
  }

  /** How many times {@link #find} was called (at most once per chunk). */
  public int lookups() {
    return lookups;
  }
}
