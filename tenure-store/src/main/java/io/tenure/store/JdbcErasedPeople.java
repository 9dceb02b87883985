package io.tenure.store;

import io.tenure.engine.ingest.ErasedPeople;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The tombstones in {@code erased_people}: for each value, the HMAC-SHA256 under the audit key
 * ({@link AuditSealing#digest}) of {@code tombstone}, the attribute name and the value (stripped),
 * each on a line, and when its holder was pseudonymised. The values themselves are never stored;
 * without the key, a digest cannot be tried against guessed employee ids.
 */
final class JdbcErasedPeople implements ErasedPeople {

  /** Values looked up per statement. */
  private static final int PAGE = 1000;

  private final JdbcTemplate template;
  private final AuditSealing sealing;

  JdbcErasedPeople(JdbcTemplate template, AuditSealing sealing) {
    this.template = template;
    this.sealing = sealing;
  }

  @Override
  public void remember(Map<String, Set<String>> values, Instant pseudonymisedAt) {
    List<Object[]> rows = new ArrayList<>();
    AuditSealing.Hasher hasher = sealing.hasher();
    values.forEach(
        (name, held) ->
            held.forEach(
                value ->
                    rows.add(
                        new Object[] {
                          digest(hasher, name, value),
                          Timestamps.bind(Timestamps.truncate(pseudonymisedAt))
                        })));
    if (!rows.isEmpty()) {
      template.batchUpdate(
          "insert into erased_people (digest, pseudonymised_at) values (?, ?)"
              + " on conflict (digest) do nothing",
          rows);
    }
  }

  @Override
  public Map<String, Map<String, Instant>> find(Map<String, Set<String>> values) {
    if (values.values().stream().allMatch(Set::isEmpty) || !anyErased()) {
      return Map.of();
    }
    Map<String, String[]> byDigest = new TreeMap<>();
    AuditSealing.Hasher hasher = sealing.hasher();
    values.forEach(
        (name, wanted) ->
            wanted.forEach(
                value -> byDigest.put(digest(hasher, name, value), new String[] {name, value})));
    Map<String, Map<String, Instant>> found = new HashMap<>();
    List<String> digests = new ArrayList<>(byDigest.keySet());
    for (int from = 0; from < digests.size(); from += PAGE) {
      List<String> page = digests.subList(from, Math.min(digests.size(), from + PAGE));
      template.query(
          "select digest, pseudonymised_at from erased_people where digest in ("
              + String.join(", ", Collections.nCopies(page.size(), "?"))
              + ")",
          row -> {
            String[] held = byDigest.get(row.getString("digest"));
            found
                .computeIfAbsent(held[0], ignored -> new HashMap<>())
                .put(held[1], Timestamps.readRequired(row, "pseudonymised_at"));
          },
          page.toArray());
    }
    return found;
  }

  /**
   * Whether anybody was pseudonymised: when nobody was (the usual case), a chunk's values are
   * neither digested nor looked up.
   */
  private boolean anyErased() {
    return Boolean.TRUE.equals(
        template.queryForObject("select exists (select 1 from erased_people)", Boolean.class));
  }

  private static String digest(AuditSealing.Hasher hasher, String attribute, String value) {
    return hasher.digest("tombstone\n" + attribute + "\n" + value.strip());
  }
}
