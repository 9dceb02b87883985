package io.tenure.engine.execution;

import io.tenure.connector.spi.ConnectorException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A worker's claim on the operation it runs, consulted by the {@link OperationRunner} in the
 * transaction that records the attempt. A worker whose lease expired may have lost the operation to
 * another worker; then its attempt is recorded as lost and nothing of it overwrites the other
 * worker's result (fencing).
 */
public interface Claim {

  /**
   * Whether the worker still holds the claim. Locks the operation until the recording transaction
   * ends, so that no other worker takes it meanwhile.
   */
  boolean held();

  /**
   * Ends the claim after the attempt was recorded (same transaction) and returns the operation's
   * state from now on: the outcome's, or {@link OperationState#PARKED} when a retryable failure was
   * its last attempt.
   */
  OperationState release(OperationOutcome outcome);

  /**
   * Records the attempt and ends the claim in one step if the claim still holds (same transaction
   * as the rest of the recording), returning the operation's state from now on as {@link #release}
   * does; null when the claim was lost, and then nothing was recorded. {@code recorder} stores an
   * attempt as {@link PlanRepository#recordAttempt} does. The default: {@link #held()}, the
   * recorder, then {@link #release}; a claim may do all of it in one round trip to the store.
   */
  default @Nullable OperationState settle(
      OperationAttempt attempt, OperationOutcome outcome, Consumer<OperationAttempt> recorder) {
    if (!held()) {
      return null;
    }
    recorder.accept(attempt);
    return release(outcome);
  }

  /**
   * What {@link #settle} would store for this attempt, as data, so that the claims of many
   * operations are settled in one step ({@link OperationQueue#settleAll}); null when this claim is
   * settled only through {@link #settle} (the default). Asked in the recording transaction; once
   * the step stored it (the claim held), {@link #settled} is told.
   */
  default @Nullable Settlement settlement(OperationAttempt attempt, OperationOutcome outcome) {
    return null;
  }

  /**
   * Told that its {@link #settlement} was stored in the recording transaction: the claim held and
   * has ended, the operation's state is the settlement's from now on.
   */
  default void settled(Settlement settlement) {}

  /**
   * Records, without changing the operation, that this attempt ran after the claim was lost (same
   * transaction as {@link #held()}).
   */
  void lost(OperationAttempt attempt);

  /**
   * Whether the connector failure is the outage of the operation's target rather than a failure of
   * the operation: then the runner records no attempt and no event and {@linkplain #postpone()
   * postpones} the operation. Asked outside any transaction, for every connector failure; may take
   * as long as a probe of the target. The default: never.
   */
  default boolean outage(ConnectorException failure) {
    return false;
  }

  /**
   * Hands the operation back without counting an attempt: its state, attempts and last error stay
   * as they are and it is due at once (same transaction as {@link #held()}). The default does
   * nothing.
   */
  default void postpone() {}

  /** No queue claim (a plan run in order in one thread): always held, nothing to release. */
  static Claim none() {
    return new Claim() {
      @Override
      public boolean held() {
        return true;
      }

      @Override
      public OperationState release(OperationOutcome outcome) {
        return outcome.state();
      }

      @Override
      public void lost(OperationAttempt attempt) {}
    };
  }
}
