package io.tenure.engine.reconciliation;

/** What reconciliation did about a finding. */
public enum FindingAction {
  /** Reported only. */
  NONE,
  /** The account was linked to the identity in the store; nothing changed on the target. */
  LINKED,
  /** Operations were planned and are waiting to run. */
  PLANNED,
  /** Every planned operation on the account succeeded. */
  FIXED,
  /** A planned operation on the account failed or was skipped. */
  FAILED
}
