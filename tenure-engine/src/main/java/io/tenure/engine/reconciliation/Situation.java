package io.tenure.engine.reconciliation;

/** How an account on a target compares with what policy says. */
public enum Situation {
  /** Owned by an identity and exactly as desired. */
  COMPLIANT,
  /** Owned by an identity, but attributes, enabled flag or entitlements differ from desired. */
  DRIFTED,
  /** Policy wants the account, the target does not have it. */
  MISSING,
  /**
   * Not linked to an identity in the store, but the target's correlation rules match exactly one
   * identity that has no other account on the target.
   */
  UNLINKED,
  /** No identity owns it or matches it. */
  ORPHAN,
  /** The correlation rules match several identities (or contradict each other): never linked. */
  AMBIGUOUS
}
