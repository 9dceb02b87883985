package io.tenure.engine.testing;

import io.tenure.core.identity.IdentityId;
import io.tenure.engine.execution.PlanId;
import io.tenure.engine.store.IdGenerator;

/** Predictable ids: {@code identity-0001}, {@code plan-0001}, ... */
public final class SequentialIds implements IdGenerator {

  private int identities;
  private int plans;

  @Override
  public synchronized IdentityId newIdentityId() {
    return new IdentityId(String.format("identity-%04d", ++identities));
  }

  @Override
  public synchronized PlanId newPlanId() {
    return new PlanId(String.format("plan-%04d", ++plans));
  }
}
