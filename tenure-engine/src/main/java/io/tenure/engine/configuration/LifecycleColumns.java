package io.tenure.engine.configuration;

import io.tenure.core.identity.EmploymentStatus;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The columns of a source that carry employment.
 *
 * @param statusColumn the column with the employment status
 * @param statusValues source status value (compared case-insensitively) to status, for example
 *     {@code active -> ACTIVE, leave -> LEAVE, terminated -> TERMINATED}
 * @param startDateColumn the column with the first working day
 * @param endDateColumn the column with the last working day, if any
 * @param dateFormat a {@link java.time.format.DateTimeFormatter} pattern, {@code yyyy-MM-dd} by
 *     default
 */
public record LifecycleColumns(
    String statusColumn,
    Map<String, EmploymentStatus> statusValues,
    String startDateColumn,
    @Nullable String endDateColumn,
    String dateFormat) {

  public LifecycleColumns {
    statusValues = Map.copyOf(statusValues);
  }

  public Optional<String> endDate() {
    return Optional.ofNullable(endDateColumn);
  }

  /** The usual values: active, leave, terminated. */
  public static Map<String, EmploymentStatus> defaultStatusValues() {
    return Map.of(
        "active", EmploymentStatus.ACTIVE,
        "leave", EmploymentStatus.LEAVE,
        "terminated", EmploymentStatus.TERMINATED);
  }
}
