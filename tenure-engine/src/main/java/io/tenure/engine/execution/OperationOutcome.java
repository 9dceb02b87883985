package io.tenure.engine.execution;

import io.tenure.connector.spi.ErrorKind;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The result of running one stored operation once.
 *
 * @param operation the operation's id
 * @param state {@link OperationState#SUCCEEDED}, {@link OperationState#FAILED} (retryable), {@link
 *     OperationState#PARKED} (permanent) or {@link OperationState#SKIPPED}
 * @param errorKind the failure's classification, null unless failed or parked
 * @param message a note on success (such as "linked the existing account"), the error on failure,
 *     the cause of a skip; null if none
 */
public record OperationOutcome(
    OperationId operation,
    OperationState state,
    @Nullable ErrorKind errorKind,
    @Nullable String message) {

  public OperationOutcome {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(state, "state");
  }

  /** True if the operation failed, retryably or not. */
  public boolean failed() {
    return state == OperationState.FAILED || state == OperationState.PARKED;
  }

  public Optional<String> note() {
    return Optional.ofNullable(message);
  }
}
