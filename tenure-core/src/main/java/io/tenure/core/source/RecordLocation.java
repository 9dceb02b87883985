package io.tenure.core.source;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a source record came from: a file and a 1-based line number ({@code people.csv:17}), or,
 * for a source without lines, what names the record there: a table and the record's key ({@code
 * hr_people:E1001}), or a directory entry's DN.
 *
 * @param file the file, table or other origin the record was read from; empty when the record's
 *     name says it all (a DN)
 * @param line the 1-based line the record starts on; 0 when the record is named instead
 * @param record the record's name in its origin (a key, a DN), or null for a file's line
 */
public record RecordLocation(String file, long line, @Nullable String record) {

  public RecordLocation {
    Objects.requireNonNull(file, "file");
  }

  /** A line of a file. */
  public RecordLocation(String file, long line) {
    this(file, line, null);
  }

  /**
   * A record named in its origin: {@code named("hr_people", "E1001")} is {@code hr_people:E1001},
   * {@code named("", "uid=ada,ou=people,dc=example,dc=com")} the DN alone.
   */
  public static RecordLocation named(String origin, String record) {
    return new RecordLocation(origin, 0, Objects.requireNonNull(record, "record"));
  }

  /** The record's name, when it is named rather than a line of a file. */
  public Optional<String> recordName() {
    return Optional.ofNullable(record);
  }

  @Override
  public String toString() {
    if (record == null) {
      return file + ":" + line;
    }
    return file.isEmpty() ? record : file + ":" + record;
  }
}
