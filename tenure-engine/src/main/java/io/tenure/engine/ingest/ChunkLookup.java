package io.tenure.engine.ingest;

import io.tenure.core.correlation.Correlator;
import io.tenure.core.identity.IdentityId;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.identity.StoredReport;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * What the store holds of the identities an import chunk's rows can correlate to, read without
 * reading them whole ({@link IdentityRepository#findReports}): in two queries when the source has
 * fallback keys. First the holders of the rows' values of the primary key alone (one probe of its
 * index per value, in the order a source usually gives them); then the holders of the fallback
 * keys' values of the rows that first answer does not show unchanged ({@link
 * UnchangedRows#findOnTheKey}). A row whose primary key finds exactly one identity correlates to it
 * whoever holds its other values, so the rows of a re-import that changed nothing never look up
 * their e-mail (a probe per value, spread over that index).
 *
 * <p>Applying a chunk on such reports gives what it gives on the reports of all its values, as long
 * as every row merged in full was looked up in full: the importer asks for {@link #complete} when a
 * row looked up on its key alone is merged after all (the day turned since, or the whole chunk is
 * merged in file order).
 */
final class ChunkLookup {

  private final IdentityRepository identities;
  private final String source;
  private final Correlator correlator;
  private final Clock clock;

  /**
   * @param source the importing source, whose digests the reports give
   * @param correlator the source's correlation rule
   * @param clock the day on which a row is judged unchanged
   */
  ChunkLookup(IdentityRepository identities, String source, Correlator correlator, Clock clock) {
    this.identities = identities;
    this.source = source;
    this.correlator = correlator;
    this.clock = clock;
  }

  /**
   * What a lookup found.
   *
   * @param values the values the reports were read for, by key
   * @param reports the store's reports of the identities holding one of them
   * @param keyedOnly the places in the chunk of the rows whose fallback keys' values were not
   *     looked up: those found unchanged on their primary key alone
   */
  record Found(
      Map<String, Set<String>> values,
      Map<IdentityId, StoredReport> reports,
      Set<Integer> keyedOnly) {}

  /**
   * The reports for the rows, in two queries as the class says (one when the source has no fallback
   * key or the rows hold no primary key value).
   *
   * @param digests each row's digest ({@link RecordDigest}), null for a rejected row
   */
  Found lookUp(List<SourceRow> rows, List<@Nullable String> digests) {
    Map<String, Set<String>> values = keyValues(rows);
    String key = correlator.rule().key();
    Set<String> keyValues = values.get(key);
    if (values.size() < 2 || keyValues == null) {
      return new Found(values, reportsFor(values), Set.of());
    }
    Map<String, Set<String>> looked = new TreeMap<>(Map.of(key, keyValues));
    Map<IdentityId, StoredReport> reports = new TreeMap<>(reportsFor(looked));
    Set<Integer> keyedOnly =
        UnchangedRows.findOnTheKey(correlator, rows, digests, reports, LocalDate.now(clock));
    List<SourceRow> rest = new ArrayList<>();
    for (int at = 0; at < rows.size(); at++) {
      if (!keyedOnly.contains(at)) {
        rest.add(rows.get(at));
      }
    }
    Map<String, Set<String>> fallbacks = keyValues(rest);
    fallbacks.remove(key);
    if (!fallbacks.isEmpty()) {
      reports.putAll(reportsFor(fallbacks));
      looked.putAll(fallbacks);
    }
    return new Found(looked, reports, keyedOnly);
  }

  /**
   * What was found, if every row was looked up in full; else the holders of all the rows' values of
   * every correlation key, read now in one query: what a row needs to be merged in full (its
   * primary key may find nobody by the time it is merged, and it then correlates on its other
   * keys).
   */
  Found complete(Found found, List<SourceRow> rows) {
    if (found.keyedOnly().isEmpty()) {
      return found;
    }
    Map<String, Set<String>> values = keyValues(rows);
    return new Found(values, reportsFor(values), Set.of());
  }

  /**
   * The rows' non-blank values of the keys, each in the given form, by key; rejected rows have
   * none.
   */
  static Map<String, Set<String>> keyValues(
      List<SourceRow> rows, List<String> keys, UnaryOperator<String> form) {
    Map<String, Set<String>> values = new TreeMap<>();
    for (SourceRow row : rows) {
      if (row.record() == null) {
        continue;
      }
      for (String key : keys) {
        String value = row.record().attributes().get(key);
        if (value != null && !value.isBlank()) {
          values.computeIfAbsent(key, ignored -> new TreeSet<>()).add(form.apply(value));
        }
      }
    }
    return values;
  }

  private Map<String, Set<String>> keyValues(List<SourceRow> rows) {
    return keyValues(rows, correlator.rule().keysInOrder(), UnaryOperator.identity());
  }

  private Map<IdentityId, StoredReport> reportsFor(Map<String, Set<String>> values) {
    return identities.findReports(source, correlator.rule().keysInOrder(), values);
  }
}
