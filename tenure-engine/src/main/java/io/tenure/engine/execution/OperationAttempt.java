package io.tenure.engine.execution;

import io.tenure.connector.spi.ErrorKind;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One try of an operation.
 *
 * @param started when it started
 * @param finished when it ended
 * @param outcome the operation's state after this attempt
 * @param errorKind the failure's classification, null on success
 * @param message the failure's message (or a note such as "already there"), null if none
 */
public record OperationAttempt(
    Instant started,
    Instant finished,
    OperationState outcome,
    @Nullable ErrorKind errorKind,
    @Nullable String message) {}
