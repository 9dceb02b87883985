package io.tenure.engine.execution;

import java.util.Set;

/**
 * Which operations of the queue were not over (every state but {@code SUCCEEDED}, {@code DISCARDED}
 * and {@code SKIPPED}) when planning began.
 *
 * <p>A plan is computed from the accounts Tenure knows, while workers may be running. An operation
 * that succeeds while the plan is computed may do so after the planner read its account, so the
 * planner plans its change again; such an operation (open at the mark, succeeded since) still
 * counts as {@link AlreadyQueued}. Take the mark in the planning transaction, before planning.
 *
 * @param open the operations not over at the mark
 */
public record QueueMark(Set<OperationId> open) {

  public QueueMark {
    open = Set.copyOf(open);
  }

  /** No mark: only operations not over when the plan is stored count as already queued. */
  public static QueueMark none() {
    return new QueueMark(Set.of());
  }
}
