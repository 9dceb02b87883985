package io.tenure.engine.execution;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A stored operation with its place in the durable queue.
 *
 * @param operation the operation and its state
 * @param nextAttemptAt when a failed operation may be tried again; null if at once
 * @param claimedBy the worker holding it, null if none (or the claim expired)
 * @param claimedUntil when that claim expires, null if unclaimed
 * @param updatedAt when its state last changed
 */
public record QueuedOperation(
    StoredOperation operation,
    @Nullable Instant nextAttemptAt,
    @Nullable String claimedBy,
    @Nullable Instant claimedUntil,
    Instant updatedAt) {}
