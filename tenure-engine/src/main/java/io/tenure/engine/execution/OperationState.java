package io.tenure.engine.execution;

/** Where a stored operation is in its life. */
public enum OperationState {
  /** Waiting to run. */
  PENDING,
  /** Ran and had its effect (or its effect was already there). */
  SUCCEEDED,
  /** Failed with a retryable error; will be tried again. */
  FAILED,
  /** Failed permanently or too often; waits for an operator. */
  PARKED,
  /** Skipped because an earlier operation on the same account failed. */
  SKIPPED
}
