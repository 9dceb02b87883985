package io.tenure.engine.ingest;

import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.engine.identity.StoredReport;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one chunk of an import wrote of identities, as far as the next chunk's stored reports
 * ({@link io.tenure.engine.identity.IdentityRepository#findReports}) are concerned when those were
 * read before the chunk committed ({@link ReadAhead}): the identities it saved or whose digest or
 * location it wrote, and the correlation keys' values the saved ones hold now.
 *
 * <p>{@link #mayChange} errs on the side of looking again: values are compared ignoring case (a
 * store may match a key such as the e-mail ignoring case), in two foldings.
 */
final class ChunkWrites {

  /** A chunk that wrote nothing (and what comes before the first chunk). */
  static final ChunkWrites NONE = new ChunkWrites(Set.of(), Set.of());

  private final Set<IdentityId> written;
  private final Set<String> values;

  private ChunkWrites(Set<IdentityId> written, Set<String> values) {
    this.written = written;
    this.values = values;
  }

  /**
   * @param saved the identities the chunk created or changed, as saved
   * @param alsoWritten the identities whose digest or remembered location it wrote without saving
   *     them
   * @param keys the correlation keys
   */
  static ChunkWrites of(
      Collection<Identity> saved, Collection<IdentityId> alsoWritten, Collection<String> keys) {
    Set<IdentityId> written = new HashSet<>(alsoWritten);
    Set<String> values = new HashSet<>();
    for (Identity identity : saved) {
      written.add(identity.id());
      for (String key : keys) {
        identity.attribute(key).ifPresent(value -> values.addAll(folded(key, value)));
      }
    }
    return new ChunkWrites(Set.copyOf(written), Set.copyOf(values));
  }

  /**
   * Whether reports read before this chunk committed may differ from reports read after: one of
   * them is of an identity it wrote, or it saved an identity that holds one of the values looked
   * for.
   *
   * @param reports what was read
   * @param looked for each key, the values the reports were read for
   */
  boolean mayChange(
      Map<IdentityId, StoredReport> reports, Map<String, ? extends Collection<String>> looked) {
    if (written.isEmpty()) {
      return false;
    }
    for (IdentityId id : reports.keySet()) {
      if (written.contains(id)) {
        return true;
      }
    }
    if (values.isEmpty()) {
      return false;
    }
    for (Map.Entry<String, ? extends Collection<String>> key : looked.entrySet()) {
      for (String value : key.getValue()) {
        for (String each : folded(key.getKey(), value)) {
          if (values.contains(each)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The key's value lower-cased, and upper- then lower-cased (they differ for a few letters). */
  private static Set<String> folded(String key, String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    String upperLower = value.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    return lower.equals(upperLower)
        ? Set.of(UnchangedRows.keyed(key, lower))
        : Set.of(UnchangedRows.keyed(key, lower), UnchangedRows.keyed(key, upperLower));
  }
}
