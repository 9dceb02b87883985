package io.tenure.engine.provisioning;

import io.tenure.engine.guard.GuardedPlan;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What an import did: the imports, the plan that followed (for everybody, or for the changed
 * identities only), the plan as stored, and what applying it did.
 *
 * @param imported the imports and the plan
 * @param applied the stored plan, the brake's decision, the operations already queued by earlier
 *     plans, and the execution once executed; null if the plan was empty
 */
public record ImportAndApply(ImportAndPlan imported, @Nullable GuardedPlan applied) {

  public Optional<GuardedPlan> application() {
    return Optional.ofNullable(applied);
  }
}
