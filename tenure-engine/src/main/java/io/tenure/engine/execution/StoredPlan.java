package io.tenure.engine.execution;

import io.tenure.core.plan.Plan;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A plan as persisted: its header, and its operations when they were read with it.
 *
 * <p>A large plan streamed into the store is answered by its header alone ({@link #header}): its
 * operations are in the store, and {@link #plan()} refuses to stand for them rather than answer an
 * empty plan; {@link #holdsOperations()} tells which kind this is.
 *
 * @param id the plan's id
 * @param createdAt when it was computed
 * @param actor who or what asked for it ({@code cli:root}, {@code hr-import:hr})
 * @param trigger why it was computed ({@code apply}, {@code import people.csv})
 * @param plan the operations in execution order; null for a header
 */
public record StoredPlan(
    PlanId id, Instant createdAt, String actor, String trigger, @Nullable Plan plan) {

  /** A plan whose operations stay in the store (read them by its id from the plan repository). */
  public static StoredPlan header(PlanId id, Instant createdAt, String actor, String trigger) {
    return new StoredPlan(id, createdAt, actor, trigger, null);
  }

  /** False for a {@link #header}: its operations were not read. */
  public boolean holdsOperations() {
    return plan != null;
  }

  /**
   * The operations in execution order.
   *
   * @throws IllegalStateException for a {@link #header}, whose operations were not read
   */
  @Override
  public Plan plan() {
    if (plan == null) {
      throw new IllegalStateException(
          "plan " + id.value() + " is a header: its operations are in the store, read them by id");
    }
    return plan;
  }
}
