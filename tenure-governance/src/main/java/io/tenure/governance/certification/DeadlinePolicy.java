package io.tenure.governance.certification;

import java.util.Locale;

/** What happens at a campaign's deadline to the items nobody decided. */
public enum DeadlinePolicy {
  /** They are certified as they are (recorded as kept at the deadline). */
  KEEP,
  /** They are revoked, as if their reviewer had revoked them. */
  REVOKE,
  /** They go to their reviewers' managers, who have until the new deadline (a week later). */
  ESCALATE;

  public static DeadlinePolicy parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--on-deadline must be keep, revoke or escalate, not '" + text + "'", e);
    }
  }

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
