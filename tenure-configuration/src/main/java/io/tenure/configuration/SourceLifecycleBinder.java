package io.tenure.configuration;

import static io.tenure.configuration.NodeReader.quote;

import io.tenure.core.identity.EmploymentStatus;
import io.tenure.engine.configuration.LifecycleColumns;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code sources.NAME.lifecycle: {status, statusValues, startDate, endDate, dateFormat}}: which
 * columns carry a person's employment, and what the status column's words mean (active, leave,
 * terminated; {@link LifecycleColumns#defaultStatusValues()} without {@code statusValues}).
 */
final class SourceLifecycleBinder {

  private static final Set<String> KEYS =
      Set.of("status", "statusValues", "startDate", "endDate", "dateFormat");

  private SourceLifecycleBinder() {}

  /** The lifecycle columns of a source; {@code null} when missing or unusable. */
  static @Nullable LifecycleColumns bind(MappingReader source) {
    MappingReader lifecycle = source.requiredMapping("lifecycle");
    if (lifecycle == null) {
      return null;
    }
    lifecycle.onlyKeys(KEYS);
    String status = lifecycle.requiredString("status");
    String startDate = lifecycle.requiredString("startDate");
    String endDate = lifecycle.optionalString("endDate");
    String dateFormat = lifecycle.optionalString("dateFormat");
    if (dateFormat == null) {
      dateFormat = "yyyy-MM-dd";
    } else {
      try {
        DateTimeFormatter.ofPattern(dateFormat);
      } catch (IllegalArgumentException e) {
        lifecycle.problemAt(
            "dateFormat",
            quote(dateFormat) + " is not a date pattern such as yyyy-MM-dd: " + e.getMessage());
      }
    }
    Map<String, EmploymentStatus> statusValues =
        lifecycle.has("statusValues")
            ? statusValues(lifecycle)
            : new HashMap<>(LifecycleColumns.defaultStatusValues());
    if (status == null || startDate == null) {
      return null;
    }
    return new LifecycleColumns(status, statusValues, startDate, endDate, dateFormat);
  }

  /** {@code statusValues: {word: meaning}}, the words in lower case. */
  private static Map<String, EmploymentStatus> statusValues(MappingReader lifecycle) {
    Map<String, EmploymentStatus> statusValues = new HashMap<>();
    lifecycle
        .stringMap("statusValues", false)
        .forEach(
            (value, meaning) -> {
              try {
                statusValues.put(
                    value.toLowerCase(Locale.ROOT),
                    EmploymentStatus.valueOf(meaning.trim().toUpperCase(Locale.ROOT)));
              } catch (IllegalArgumentException e) {
                lifecycle
                    .reader()
                    .problem(
                        lifecycle.valueLocation("statusValues", value),
                        lifecycle.pathOf("statusValues") + "." + value,
                        quote(meaning) + " is not one of active, leave, terminated");
              }
            });
    return statusValues;
  }
}
