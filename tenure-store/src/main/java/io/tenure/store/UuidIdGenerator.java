package io.tenure.store;

import io.tenure.core.identity.IdentityId;
import io.tenure.engine.execution.PlanId;
import io.tenure.engine.store.IdGenerator;
import java.util.UUID;

/** Random (version 4) UUIDs. */
final class UuidIdGenerator implements IdGenerator {

  @Override
  public IdentityId newIdentityId() {
    return new IdentityId(UUID.randomUUID().toString());
  }

  @Override
  public PlanId newPlanId() {
    return new PlanId(UUID.randomUUID().toString());
  }
}
