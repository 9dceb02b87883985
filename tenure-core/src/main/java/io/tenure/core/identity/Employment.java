package io.tenure.core.identity;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the authoritative source says about a person's employment.
 *
 * @param status the reported status
 * @param startDate the first working day, if known
 * @param endDate the last working day, if known; a past end date means terminated whatever the
 *     status says
 */
public record Employment(
    EmploymentStatus status, @Nullable LocalDate startDate, @Nullable LocalDate endDate) {

  public Employment {
    Objects.requireNonNull(status, "status");
  }

  public Optional<LocalDate> start() {
    return Optional.ofNullable(startDate);
  }

  public Optional<LocalDate> end() {
    return Optional.ofNullable(endDate);
  }
}
