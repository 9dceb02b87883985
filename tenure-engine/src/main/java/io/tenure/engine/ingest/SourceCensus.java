package io.tenure.engine.ingest;

import io.tenure.core.source.RecordProblem;
import java.util.Iterator;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * What reading a source's rows found, before anything of it is imported: how many rows were read
 * and how many of them were rejected, whether the read reached the end, and, when the source could
 * not be read at all (a missing file, a header without a configured column), why.
 *
 * @param rowsRead the rows read (accepted and rejected)
 * @param rejected the rows rejected (unparseable, invalid)
 * @param complete whether every row was read (the read was not stopped early)
 * @param refusal why the source cannot be read at all, or null
 */
public record SourceCensus(
    long rowsRead, long rejected, boolean complete, @Nullable RecordProblem refusal) {

  public SourceCensus {
    if (rowsRead < 0 || rejected < 0 || rejected > rowsRead) {
      throw new IllegalArgumentException(
          "a census counts 0 <= rejected <= rowsRead, not " + rejected + " of " + rowsRead);
    }
  }

  /**
   * Counts the rows and the rejected ones until {@code enough} holds for the counts so far (asked
   * after each row) or the rows end.
   *
   * @throws SourceFileException if the source cannot be read from some row on
   */
  static SourceCensus count(Stream<SourceRow> rows, Predicate<SourceCensus> enough) {
    long rowsRead = 0;
    long rejected = 0;
    Iterator<SourceRow> iterator = rows.iterator();
    while (iterator.hasNext()) {
      rowsRead++;
      if (!iterator.next().isAccepted()) {
        rejected++;
      }
      SourceCensus sofar = new SourceCensus(rowsRead, rejected, false, null);
      if (enough.test(sofar)) {
        return sofar;
      }
    }
    return new SourceCensus(rowsRead, rejected, true, null);
  }

  /** The rows read that were accepted. */
  public long accepted() {
    return rowsRead - rejected;
  }
}
