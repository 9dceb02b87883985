package io.tenure.engine.execution;

import io.tenure.core.plan.Operation;
import org.jspecify.annotations.Nullable;

/**
 * One operation of a stored plan with its execution state.
 *
 * @param id the operation's id
 * @param plan the plan it belongs to
 * @param sequence its 0-based position in the plan
 * @param operation the change
 * @param state its state
 * @param attempts how many times it was tried
 * @param lastError the message of the last failure, if any (never contains a secret)
 */
public record StoredOperation(
    OperationId id,
    PlanId plan,
    int sequence,
    Operation operation,
    OperationState state,
    int attempts,
    @Nullable String lastError) {}
