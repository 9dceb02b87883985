package io.tenure.engine.execution;

import io.tenure.core.plan.Plan;
import java.time.Instant;

/**
 * A plan as persisted.
 *
 * @param id the plan's id
 * @param createdAt when it was computed
 * @param actor who or what asked for it ({@code cli:root}, {@code hr-import:hr})
 * @param trigger why it was computed ({@code apply}, {@code import people.csv})
 * @param plan the operations in execution order
 */
public record StoredPlan(PlanId id, Instant createdAt, String actor, String trigger, Plan plan) {}
