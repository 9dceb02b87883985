package io.tenure.core.source;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Why a source row was rejected: the location, the column when one is to blame, and a message a
 * person can act on.
 */
public record RecordProblem(RecordLocation location, @Nullable String column, String message) {

  public Optional<String> columnName() {
    return Optional.ofNullable(column);
  }

  /**
   * For example {@code people.csv:12: column hire_date: "31/02/2026" is not a date (yyyy-MM-dd)}.
   */
  public String render() {
    return location + ": " + (column == null ? "" : "column " + column + ": ") + message;
  }

  @Override
  public String toString() {
    return render();
  }
}
