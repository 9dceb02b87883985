package io.tenure.engine.ingest;

import io.tenure.core.identity.Employment;
import io.tenure.core.identity.EmploymentStatus;
import io.tenure.core.source.RecordLocation;
import io.tenure.core.source.RecordProblem;
import io.tenure.engine.configuration.LifecycleColumns;
import io.tenure.engine.configuration.SourceDefinition;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Reads a record's {@link Employment} from a source's lifecycle columns (status, start date, end
 * date), the same way for every source type: the status is one of the configured status values
 * (compared ignoring case), a date is a real date in the configured format (2026-02-31 is an
 * error). Immutable; shared by the readers of one source.
 */
final class EmploymentColumns {

  private final SourceDefinition source;
  private final @Nullable LifecycleColumns lifecycle;
  private final Map<String, EmploymentStatus> statusValues;
  private final @Nullable DateTimeFormatter dateFormat;
  private final boolean typedDates;

  private EmploymentColumns(SourceDefinition source, boolean typedDates) {
    this.source = source;
    this.lifecycle = source.lifecycle();
    this.typedDates = typedDates;
    Map<String, EmploymentStatus> values = new HashMap<>();
    source
        .lifecycleColumns()
        .map(LifecycleColumns::statusValues)
        .orElse(Map.of())
        .forEach((text, status) -> values.put(text.trim().toLowerCase(Locale.ROOT), status));
    this.statusValues = Map.copyOf(values);
    this.dateFormat =
        lifecycle == null ? null : strictFormat(source.name(), lifecycle.dateFormat());
  }

  /**
   * The lifecycle columns of a source.
   *
   * @param typedDates whether a date may also come as an ISO date or date-time ({@code 2026-03-31},
   *     {@code 2026-03-31T00:00}), as readers of typed columns (a table's) give them; a file's
   *     dates must be in the configured format
   * @throws IllegalArgumentException naming the key when the date format is not a valid pattern
   */
  static EmploymentColumns of(SourceDefinition source, boolean typedDates) {
    return new EmploymentColumns(source, typedDates);
  }

  /**
   * The record's employment, or null when the source has no lifecycle columns or a value is wrong
   * (then {@code problems} gained one problem per wrong value, located at {@code location}).
   *
   * @param row the record's values by column (blank values absent or empty)
   */
  @Nullable Employment employment(
      RecordLocation location, Map<String, String> row, List<RecordProblem> problems) {
    if (lifecycle == null) {
      return null;
    }
    int before = problems.size();
    String statusText = row.getOrDefault(lifecycle.statusColumn(), "");
    EmploymentStatus status = null;
    if (statusText.isEmpty()) {
      problems.add(new RecordProblem(location, lifecycle.statusColumn(), "the status is empty"));
    } else {
      status = statusValues.get(statusText.toLowerCase(Locale.ROOT));
      if (status == null) {
        problems.add(
            new RecordProblem(
                location,
                lifecycle.statusColumn(),
                "\""
                    + statusText
                    + "\" is not a known status (expected one of "
                    + String.join(", ", new TreeSet<>(statusValues.keySet()))
                    + ")"));
      }
    }
    LocalDate start = date(location, row, lifecycle.startDateColumn(), problems);
    LocalDate end =
        lifecycle.endDateColumn() == null
            ? null
            : date(location, row, lifecycle.endDateColumn(), problems);
    if (problems.size() > before || status == null) {
      return null;
    }
    return new Employment(status, start, end);
  }

  /**
   * A value of a date column in ISO form when it parses ({@code 31.03.2026} → {@code 2026-03-31}),
   * any other value unchanged: how an identity attribute fed by a date column is stored.
   */
  String normalized(String column, String value) {
    if (lifecycle != null
        && dateFormat != null
        && (column.equals(lifecycle.startDateColumn())
            || column.equals(lifecycle.endDateColumn()))) {
      try {
        return LocalDate.parse(value, dateFormat).toString();
      } catch (DateTimeParseException e) {
        return value;
      }
    }
    return value;
  }

  private @Nullable LocalDate date(
      RecordLocation location,
      Map<String, String> row,
      String column,
      List<RecordProblem> problems) {
    String text = row.getOrDefault(column, "");
    if (text.isEmpty() || dateFormat == null || lifecycle == null) {
      return null;
    }
    try {
      return LocalDate.parse(text, dateFormat);
    } catch (DateTimeParseException e) {
      if (typedDates) {
        try {
          boolean dateTime =
              text.length() > 10 && (text.charAt(10) == 'T' || text.charAt(10) == ' ');
          return LocalDate.parse(dateTime ? text.substring(0, 10) : text);
        } catch (DateTimeParseException notIso) {
          // reported below
        }
      }
      problems.add(
          new RecordProblem(
              location,
              column,
              "\"" + text + "\" is not a valid date (" + lifecycle.dateFormat() + ")"));
      return null;
    }
  }

  private static DateTimeFormatter strictFormat(String sourceName, String pattern) {
    // STRICT resolution needs the proleptic year (u); year-of-era (y) would need an era field
    String proleptic =
        pattern.indexOf('\'') < 0 && pattern.indexOf('G') < 0 ? pattern.replace('y', 'u') : pattern;
    try {
      return DateTimeFormatter.ofPattern(proleptic, Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "sources."
              + sourceName
              + ".lifecycle.dateFormat: \""
              + pattern
              + "\" is not a date pattern: "
              + e.getMessage(),
          e);
    }
  }
}
