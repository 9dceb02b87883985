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
  SKIPPED,
  /**
   * Belongs to a plan held by the mass-change brake; never claimed by a worker until an operator
   * resumes the plan (then it becomes {@link #PENDING}) or rejects it (then {@link #DISCARDED}).
   */
  HELD,
  /** Given up by an operator (or a rejected held plan); later operations of the account may run. */
  DISCARDED
}
