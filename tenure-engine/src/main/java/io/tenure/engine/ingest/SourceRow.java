package io.tenure.engine.ingest;

import io.tenure.core.source.RecordLocation;
import io.tenure.core.source.RecordProblem;
import io.tenure.core.source.SourceRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One row of a source as read: either a valid {@link SourceRecord} or the problems that rejected
 * it, never both.
 *
 * @param location the file and the physical line the row starts on
 * @param key the row's value for the source's key attribute, if it had one (also for rejected rows,
 *     so a report can say whose row was rejected)
 * @param record the validated record, null when the row was rejected
 * @param problems why the row was rejected; empty when it was accepted
 */
public record SourceRow(
    RecordLocation location,
    @Nullable String key,
    @Nullable SourceRecord record,
    List<RecordProblem> problems) {

  public SourceRow {
    Objects.requireNonNull(location, "location");
    problems = List.copyOf(problems);
    if ((record == null) == problems.isEmpty()) {
      throw new IllegalArgumentException(
          "a source row has either a record or problems, not both and not neither");
    }
  }

  static SourceRow accepted(SourceRecord record, String key) {
    return new SourceRow(record.location(), key, record, List.of());
  }

  static SourceRow rejected(
      RecordLocation location, @Nullable String key, List<RecordProblem> problems) {
    return new SourceRow(location, key, null, problems);
  }

  /**
   * The row a reader ends with when its source cannot be read from {@code location} on (a
   * connection lost in the middle of a table or a search): rejected, with no key, saying why.
   */
  public static SourceRow unreadableFrom(RecordLocation location, String why) {
    return rejected(location, null, List.of(new RecordProblem(location, null, why)));
  }

  public boolean isAccepted() {
    return record != null;
  }

  /** The record, if the row was accepted. */
  public Optional<SourceRecord> sourceRecord() {
    return Optional.ofNullable(record);
  }
}
