package io.tenure.server;

/**
 * The query that counts committed audit events as the ITs read the store directly: chained into
 * {@code audit_events}, or still in {@code audit_inbox} for the log's background thread to chain
 * (both are committed; a reader through the log chains what is waiting first, a test reading the
 * tables must count both).
 */
public final class CommittedAuditEvents {

  private CommittedAuditEvents() {}

  /**
   * {@code select count(*)} of the committed events whose action is {@code LIKE} the pattern
   * ({@code identity.%}, or an exact action).
   *
   * @param action a test's own constant pattern; a quote is refused
   */
  public static String count(String action) {
    if (action.indexOf('\'') >= 0) {
      throw new IllegalArgumentException("a pattern without quotes, not " + action);
    }
    return "select (select count(*) from audit_events where action like '"
        + action
        + "') + (select count(*) from audit_inbox where action like '"
        + action
        + "')";
  }
}
