package io.tenure.core.identity;

/** Where a person is in their relationship with the organisation. */
public enum LifecycleState {
  /** Hired with a start date in the future. */
  PRE_HIRE,
  /** Working. */
  ACTIVE,
  /** On leave: accounts disabled, access kept. */
  SUSPENDED,
  /** Gone: accounts disabled, access removed, accounts deleted after retention. */
  TERMINATED,
  /** Gone and every account deleted; only history remains. */
  PURGED
}
