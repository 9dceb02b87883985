package io.tenure.engine.guard;

/** Where a held plan is in its life. */
public enum HoldStatus {
  /** Waiting for an operator; its held operations do not run. */
  HELD,
  /** An operator resumed it: its held operations became pending. */
  RESUMED,
  /** An operator rejected it: its held operations were discarded. */
  REJECTED
}
