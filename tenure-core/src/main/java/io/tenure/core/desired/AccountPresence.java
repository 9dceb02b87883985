package io.tenure.core.desired;

/** What should be true of an identity's account on a target. */
public enum AccountPresence {
  /** The account exists, is enabled and holds exactly the desired entitlements. */
  ENABLED,
  /**
   * The account exists (created if missing), is disabled, and holds the desired entitlements (a
   * pre-hire account prepared before the start date, a person on leave).
   */
  DISABLED,
  /**
   * If the account exists it is disabled and holds no entitlements; it is never created and never
   * deleted (a person whose rehire is still in the future).
   */
  REVOKED,
  /**
   * Like {@link #REVOKED}, and the account is deleted once it has been disabled for the target's
   * retention period (a leaver).
   */
  RETIRED
}
