package io.tenure.engine.guard;

import io.tenure.engine.execution.ExecutionSummary;
import io.tenure.engine.execution.StoredPlan;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A plan stored through the brake, and what running its runnable part did.
 *
 * @param stored the stored plan
 * @param decision the brake's decision (what is held and why)
 * @param summary what executing the operations that were not held did; null if it was only stored
 */
public record GuardedPlan(
    StoredPlan stored, BrakeDecision decision, @Nullable ExecutionSummary summary) {

  public Optional<ExecutionSummary> execution() {
    return Optional.ofNullable(summary);
  }

  /** True if operations wait for an operator. */
  public boolean held() {
    return decision.held();
  }
}
