package io.tenure.server.provisioning;

import io.tenure.engine.guard.GuardedPlan;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What an event-driven import did: the imports, the plan for the changed identities only, and what
 * applying it did.
 *
 * @param imported the imports and the plan for the identities they changed
 * @param applied the stored plan, the brake's decision and the execution; null if the plan was
 *     empty
 */
public record ImportAndApply(ImportAndPlan imported, @Nullable GuardedPlan applied) {

  public Optional<GuardedPlan> application() {
    return Optional.ofNullable(applied);
  }
}
