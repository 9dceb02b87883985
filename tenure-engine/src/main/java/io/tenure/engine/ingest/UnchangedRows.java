package io.tenure.engine.ingest;

import io.tenure.core.correlation.Correlation;
import io.tenure.core.correlation.Correlator;
import io.tenure.core.correlation.IdentityLookup;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.core.lifecycle.Lifecycle;
import io.tenure.core.source.RecordLocation;
import io.tenure.core.source.SourceRecord;
import io.tenure.engine.identity.StoredReport;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The rows of an import chunk that would change nothing, judged on what the store reports of the
 * identities their keys match ({@link StoredReport}) without reading those identities whole: each
 * correlates, on the stored keys alone, to an identity whose stored digest of this source's record
 * is the row's ({@link RecordDigest}) and whose stored state is the one its employment gives today.
 * Also their places in the chunk, identities, key values and locations, so that the importer can
 * count them unchanged and tell whether the chunk's other rows touch them ({@link #touchedBy}).
 */
final class UnchangedRows {

  private final Set<Integer> rows = new HashSet<>();
  private final Set<IdentityId> identities = new HashSet<>();
  private final Set<String> values = new HashSet<>();
  private final Map<IdentityId, RecordLocation> locations = new HashMap<>();

  private UnchangedRows() {}

  /**
   * @param digests each row's digest, null for a rejected row, in the chunk's order
   */
  static UnchangedRows find(
      Correlator correlator,
      List<SourceRow> batch,
      List<@Nullable String> digests,
      Map<IdentityId, StoredReport> reports,
      LocalDate today) {
    return find(correlator, batch, digests, reports, today, false);
  }

  /**
   * The places of the rows that are unchanged, judged on the reports of the identities holding the
   * chunk's values of the primary key alone: those that correlate on the primary key (a fallback
   * key's holders are not all in such reports, so a row that would correlate on one is left out).
   * Each is also unchanged on the reports of all the chunk's values: a key that finds exactly one
   * identity decides the correlation, and every holder of the primary key's values is in both.
   */
  static Set<Integer> findOnTheKey(
      Correlator correlator,
      List<SourceRow> batch,
      List<@Nullable String> digests,
      Map<IdentityId, StoredReport> reports,
      LocalDate today) {
    return Set.copyOf(find(correlator, batch, digests, reports, today, true).rows);
  }

  private static UnchangedRows find(
      Correlator correlator,
      List<SourceRow> batch,
      List<@Nullable String> digests,
      Map<IdentityId, StoredReport> reports,
      LocalDate today,
      boolean onTheKey) {
    UnchangedRows unchanged = new UnchangedRows();
    if (reports.isEmpty()) {
      return unchanged;
    }
    IdentityLookup stored = lookupOf(reports);
    for (int at = 0; at < batch.size(); at++) {
      SourceRecord record = batch.get(at).record();
      String digest = digests.get(at);
      if (record == null || digest == null) {
        continue;
      }
      if (correlator.correlate(record.attributes(), stored) instanceof Correlation.Matched matched
          && (!onTheKey || matched.attribute().equals(correlator.rule().key()))) {
        StoredReport report = reports.get(matched.id());
        if (report != null && digest.equals(report.digest()) && stateHolds(report, today)) {
          unchanged.rows.add(at);
          unchanged.identities.add(matched.id());
          if (!record.location().toString().equals(report.location())) {
            unchanged.locations.put(matched.id(), record.location());
          }
          for (String key : correlator.rule().keysInOrder()) {
            String value = record.attributes().get(key);
            if (value != null) {
              unchanged.values.add(keyed(key, value));
            }
          }
        }
      }
    }
    return unchanged;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  /** Whether the rows at these places are all among them. */
  boolean containsAll(Set<Integer> places) {
    return rows.containsAll(places);
  }

  /** Whether the chunk's row at this place is one of them. */
  boolean contains(int at) {
    return rows.contains(at);
  }

  int size() {
    return rows.size();
  }

  /**
   * Where their identities' records are in the source, for those whose location remembered for the
   * source ({@link StoredReport#location()}) is another or unknown: the same file's same line is
   * not written again.
   */
  Map<IdentityId, RecordLocation> locations() {
    return locations;
  }

  /**
   * Whether a created or changed identity is one these rows correlated to, or holds (or, as {@code
   * reports} say, held) one of their key values: their correlation may then differ from the one
   * judged on the store.
   */
  boolean touchedBy(
      Collection<Identity> changed, Map<IdentityId, StoredReport> reports, List<String> keys) {
    for (Identity identity : changed) {
      if (identities.contains(identity.id())) {
        return true;
      }
      StoredReport before = reports.get(identity.id());
      for (String key : keys) {
        String now = identity.attributes().get(key);
        String was = before == null ? null : before.keys().get(key);
        if (now != null && values.contains(keyed(key, now))
            || was != null && values.contains(keyed(key, was))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether the stored state is the one a merge would give today: the state its employment gives on
   * the day (a purged person stays purged once terminated).
   */
  static boolean stateHolds(StoredReport report, LocalDate today) {
    LifecycleState state = Lifecycle.stateOn(report.employment(), today);
    return state == report.state()
        || state == LifecycleState.TERMINATED && report.state() == LifecycleState.PURGED;
  }

  /** A correlation key's value, as one text (attribute names hold no NUL). */
  static String keyed(String key, String value) {
    return key + '\0' + value;
  }

  /** The correlator's view of the stored keys alone. */
  private static IdentityLookup lookupOf(Map<IdentityId, StoredReport> reports) {
    Map<String, Map<String, List<IdentityId>>> byKey = new HashMap<>();
    reports.forEach(
        (id, report) ->
            report
                .keys()
                .forEach(
                    (key, value) -> {
                      if (!value.isBlank()) {
                        byKey
                            .computeIfAbsent(key, ignored -> new HashMap<>())
                            .computeIfAbsent(value, ignored -> new ArrayList<>())
                            .add(id);
                      }
                    }));
    return new IdentityLookup() {
      @Override
      public List<IdentityId> findBy(String attribute, String value) {
        return byKey.getOrDefault(attribute, Map.of()).getOrDefault(value, List.of());
      }

      @Override
      public Optional<String> attributeOf(IdentityId identity, String attribute) {
        StoredReport report = reports.get(identity);
        return report == null
            ? Optional.empty()
            : Optional.ofNullable(report.keys().get(attribute)).filter(v -> !v.isBlank());
      }
    };
  }
}
