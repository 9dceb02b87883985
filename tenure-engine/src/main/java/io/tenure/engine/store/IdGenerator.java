package io.tenure.engine.store;

import io.tenure.core.identity.IdentityId;
import io.tenure.engine.execution.PlanId;

/** Port: makes new ids (random UUIDs in production, predictable ones in tests). */
public interface IdGenerator {

  IdentityId newIdentityId();

  PlanId newPlanId();
}
