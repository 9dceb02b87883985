package io.tenure.governance.report;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * What a report is asked for.
 *
 * @param asOf the state at the end of this day (UTC), reconstructed from the audit trail; null for
 *     now
 * @param from for reports over a period, its first day (UTC); null for thirty days before {@code
 *     until}
 * @param until for reports over a period, the day after its last; null for the day after {@code
 *     asOf}, or tomorrow
 */
public record ReportRequest(
    @Nullable LocalDate asOf, @Nullable LocalDate from, @Nullable LocalDate until) {

  public ReportRequest {
    if (from != null && until != null && !from.isBefore(until)) {
      throw new IllegalArgumentException("--from must be before --until");
    }
  }

  /** The current state. */
  public static ReportRequest now() {
    return new ReportRequest(null, null, null);
  }

  /** The state at the end of the day. */
  public static ReportRequest asOf(LocalDate day) {
    return new ReportRequest(day, null, null);
  }
}
