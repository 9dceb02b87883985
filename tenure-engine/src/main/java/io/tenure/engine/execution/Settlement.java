package io.tenure.engine.execution;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What settling one claimed operation stores ({@link OperationQueue#settle}), as data, so that a
 * store can settle many operations in one step ({@link OperationQueue#settleAll}).
 *
 * @param operation the operation
 * @param worker the worker whose claim it must still be
 * @param attempt the attempt to record
 * @param state the operation's state from now on
 * @param nextAttemptAt when a failed operation is due again, null otherwise
 */
public record Settlement(
    OperationId operation,
    String worker,
    OperationAttempt attempt,
    OperationState state,
    @Nullable Instant nextAttemptAt) {}
