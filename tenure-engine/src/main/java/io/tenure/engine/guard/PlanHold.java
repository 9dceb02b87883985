package io.tenure.engine.guard;

import io.tenure.engine.execution.PlanId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A plan the brake held, with the operator's decision once there is one.
 *
 * @param plan the stored plan
 * @param createdAt when the plan was stored
 * @param actor who or what asked for the plan
 * @param trigger why it was computed
 * @param heldAt when it was held
 * @param reason why it was held (every breached target)
 * @param heldOperations how many of its operations were held
 * @param status held, resumed or rejected
 * @param decidedBy the operator who resumed or rejected it, null while held
 * @param decidedAt when, null while held
 * @param decisionReason the operator's reason, null if none given or while held
 */
public record PlanHold(
    PlanId plan,
    Instant createdAt,
    String actor,
    String trigger,
    Instant heldAt,
    String reason,
    int heldOperations,
    HoldStatus status,
    @Nullable String decidedBy,
    @Nullable Instant decidedAt,
    @Nullable String decisionReason) {}
