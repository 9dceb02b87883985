package io.tenure.governance.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Every report, with the name the CLI and the API know it by and what it shows. */
public enum ReportName {
  ACCESS(
      "access",
      "Who has access to what, per person: each account with its state and each entitlement, with"
          + " the role and rule it comes from and when it was granted. With --as-of, as it was at"
          + " the end of that day, reconstructed from the audit trail."),
  ACCESS_BY_TARGET(
      "access-by-target", "The access report ordered by target, account and entitlement."),
  ACCESS_BY_ROLE("access-by-role", "The access report ordered by role, then person."),
  TERMINATED_WITH_ACCESS(
      "terminated-with-access",
      "Terminated people with any enabled account or remaining membership (as Tenure knows the"
          + " targets, and as the latest reconciliation found them). Empty after an apply."),
  ORPHANS(
      "orphans",
      "Orphan accounts (no owner) and unlinked accounts (an owner was found but not linked), from"
          + " the latest reconciliation of each target."),
  EXCEPTIONS(
      "exceptions",
      "Access by exception: revoked birthright access (kept away from a rule by a certification"
          + " campaign), with who decided, why and until when."),
  LEAVER_TIMELINESS(
      "leaver-timeliness",
      "Per leaver, from the termination's effective time to the last account disabled; p50, p95"
          + " and max over those done, and who still has an enabled account."),
  CHANGES(
      "changes",
      "Changes made in a period (--from, --until; default the thirty days up to --as-of or now)"
          + " counted by cause: rule, request, campaign, HR change, reconciliation fix.");

  private final String cliName;
  private final String description;

  ReportName(String cliName, String description) {
    this.cliName = cliName;
    this.description = description;
  }

  public String cliName() {
    return cliName;
  }

  public String description() {
    return description;
  }

  /**
   * The report of that name.
   *
   * @throws IllegalArgumentException naming the reports there are
   */
  public static ReportName of(String name) {
    for (ReportName report : values()) {
      if (report.cliName.equals(name.toLowerCase(Locale.ROOT))) {
        return report;
      }
    }
    throw new IllegalArgumentException(
        "no report named '"
            + name
            + "'; the reports are: "
            + Arrays.stream(values()).map(ReportName::cliName).collect(Collectors.joining(", ")));
  }
}
