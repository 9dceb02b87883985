package io.tenure.engine.execution;

import java.time.Duration;

/** Told about every attempt a worker makes (metrics hang here). Must not throw. */
@FunctionalInterface
public interface AttemptListener {

  /**
   * @param operation the operation as claimed
   * @param outcome the attempt's outcome
   * @param nextState the operation's state after the worker released it (PARKED when a retryable
   *     failure used up the attempts)
   * @param took how long the attempt took, recording included
   */
  void attempted(
      StoredOperation operation, OperationOutcome outcome, OperationState nextState, Duration took);

  /** Listens to nothing. */
  static AttemptListener none() {
    return (operation, outcome, nextState, took) -> {};
  }
}
