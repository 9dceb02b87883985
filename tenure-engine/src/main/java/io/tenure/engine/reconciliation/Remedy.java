package io.tenure.engine.reconciliation;

/**
 * What reconciliation does about a situation. Which remedies a situation allows: see {@link
 * ReconciliationPolicy}.
 */
public enum Remedy {
  /** Record the finding, change nothing. */
  REPORT,
  /** Drifted: revert to desired; missing: create. */
  FIX,
  /** Unlinked: link the account to the matching identity (then fix its drift if drift is FIX). */
  LINK,
  /** Orphan: disable it. */
  DISABLE,
  /** Orphan: disable it, and delete it once it has been disabled for the orphan retention. */
  DELETE_AFTER_RETENTION
}
