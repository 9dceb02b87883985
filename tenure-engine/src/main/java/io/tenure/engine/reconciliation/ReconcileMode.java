package io.tenure.engine.reconciliation;

/** How one reconciliation run treats what it finds. */
public enum ReconcileMode {
  /** Every situation is only reported, whatever the target's policy; no target is changed. */
  REPORT,
  /** The target's configured {@link ReconciliationPolicy} applies. */
  FIX
}
