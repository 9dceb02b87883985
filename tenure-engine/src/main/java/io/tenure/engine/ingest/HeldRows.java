package io.tenure.engine.ingest;

import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.source.RecordLocation;
import io.tenure.engine.identity.StoredReport;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The chunks of an import read since its last write, so that a re-import that changes few rows
 * writes the changes of many chunks in one transaction instead of one transaction per chunk: every
 * row held in file order with its digest, which rows were left alone ({@link UnchangedRows}, judged
 * on the store as each chunk was read, on the day of the first chunk held) and the store's reports
 * that judgement was made on. Nothing held is written until the importer writes it; a stopped
 * import loses only what it held, which the next run reads again. Not thread-safe: one per import.
 */
final class HeldRows {

  /** The most chunks held before they are written, whatever changed in them. */
  static final int MAX_CHUNKS = 10;

  private final List<SourceRow> rows = new ArrayList<>();
  private final List<@Nullable String> digests = new ArrayList<>();
  private final List<Integer> toMerge = new ArrayList<>();
  private final List<Judged> judged = new ArrayList<>();
  private @Nullable LocalDate day;
  private int leftAlone;

  /** One chunk's rows left alone and the reports they were judged on. */
  private record Judged(UnchangedRows unchanged, Map<IdentityId, StoredReport> reports) {}

  /**
   * Holds a chunk.
   *
   * @param chunkDigests each row's digest, null for a rejected row, in the chunk's order
   * @param unchanged the chunk's rows left alone, judged on {@code reports} on {@code day}
   */
  void add(
      List<SourceRow> chunk,
      List<@Nullable String> chunkDigests,
      UnchangedRows unchanged,
      Map<IdentityId, StoredReport> reports,
      LocalDate day) {
    if (this.day == null) {
      this.day = day;
    }
    int offset = rows.size();
    rows.addAll(chunk);
    digests.addAll(chunkDigests);
    for (int at = 0; at < chunk.size(); at++) {
      if (!unchanged.contains(at)) {
        toMerge.add(offset + at);
      }
    }
    judged.add(new Judged(unchanged, reports));
    leftAlone += unchanged.size();
  }

  /**
   * Whether the held rows must be written now: as many to merge as a chunk has rows (a first import
   * writes each chunk as it is read), or {@link #MAX_CHUNKS} chunks held.
   */
  boolean full(int chunkSize) {
    return toMerge.size() >= chunkSize || judged.size() >= MAX_CHUNKS;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  /** How many chunks are held. */
  int chunks() {
    return judged.size();
  }

  /** The reports the only chunk held was judged on (one chunk held). */
  Map<IdentityId, StoredReport> onlyReports() {
    if (judged.size() != 1) {
      throw new IllegalStateException(judged.size() + " chunks are held, not one");
    }
    return judged.get(0).reports();
  }

  /** The day the rows left alone were judged on (that of the first chunk held). */
  @Nullable LocalDate day() {
    return day;
  }

  /** Every row held, in file order. */
  List<SourceRow> rows() {
    return rows;
  }

  /** Every row's digest, in file order. */
  List<@Nullable String> digests() {
    return digests;
  }

  /** The rows not left alone, in file order. */
  List<SourceRow> rowsToMerge() {
    return toMerge.stream().map(rows::get).toList();
  }

  /** The digests of {@link #rowsToMerge()}, in their order. */
  List<@Nullable String> digestsToMerge() {
    List<@Nullable String> selected = new ArrayList<>(toMerge.size());
    toMerge.forEach(at -> selected.add(digests.get(at)));
    return selected;
  }

  /** How many rows were left alone. */
  int leftAlone() {
    return leftAlone;
  }

  /**
   * Where the identities of the rows left alone have their records, for those whose remembered
   * location is another or unknown ({@link UnchangedRows#locations()}).
   */
  Map<IdentityId, RecordLocation> locations() {
    Map<IdentityId, RecordLocation> all = new HashMap<>();
    judged.forEach(chunk -> all.putAll(chunk.unchanged().locations()));
    return all;
  }

  /**
   * Whether an identity created or changed by merging the other rows is one a row left alone
   * correlated to, or holds (or held, as the chunk's reports or {@code current} say) one of their
   * key values ({@link UnchangedRows#touchedBy}).
   *
   * @param current the store's reports read for the merge
   */
  boolean touchedBy(
      Collection<Identity> changed, Map<IdentityId, StoredReport> current, List<String> keys) {
    for (Judged chunk : judged) {
      if (chunk.unchanged().touchedBy(changed, chunk.reports(), keys)
          || chunk.unchanged().touchedBy(changed, current, keys)) {
        return true;
      }
    }
    return false;
  }

  /** Forgets every row held (they were written). */
  void clear() {
    rows.clear();
    digests.clear();
    toMerge.clear();
    judged.clear();
    day = null;
    leftAlone = 0;
  }
}
