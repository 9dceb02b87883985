package io.tenure.engine.execution;

import io.tenure.core.identity.IdentityId;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which operations of the queue were not over (every state but {@code SUCCEEDED}, {@code DISCARDED}
 * and {@code SKIPPED}) when planning began: all of them, or only those of the identities being
 * planned for.
 *
 * <p>A plan is computed from the accounts Tenure knows, while workers may be running. An operation
 * that succeeds while the plan is computed may do so after the planner read its account, so the
 * planner plans its change again; such an operation (open at the mark, succeeded since) still
 * counts as {@link AlreadyQueued}. Take the mark in the planning transaction, before planning. A
 * plan for a few identities takes a mark of their operations only, so that an event (one SCIM push,
 * one HR change) never reads the whole queue.
 *
 * @param open the operations not over at the mark (of the owners, when given)
 * @param owners the identities the mark is limited to; null for every operation
 */
public record QueueMark(Set<OperationId> open, @Nullable Set<IdentityId> owners) {

  public QueueMark {
    open = Set.copyOf(open);
    owners = owners == null ? null : Set.copyOf(owners);
  }

  /** No mark: only operations not over when the plan is stored count as already queued. */
  public static QueueMark none() {
    return new QueueMark(Set.of(), Set.of());
  }

  /** The operations not over at the mark: all of them, or those of the owners given. */
  public static QueueMark take(PlanRepository plans, @Nullable Set<IdentityId> owners) {
    return new QueueMark(openNow(plans, owners), owners);
  }

  /** The operations in the mark's scope that are not over now. */
  Set<OperationId> openNow(PlanRepository plans) {
    return openNow(plans, owners);
  }

  private static Set<OperationId> openNow(PlanRepository plans, @Nullable Set<IdentityId> owners) {
    if (owners == null) {
      return plans.openOperations();
    }
    return owners.isEmpty() ? Set.of() : plans.openOperationsOf(owners);
  }
}
