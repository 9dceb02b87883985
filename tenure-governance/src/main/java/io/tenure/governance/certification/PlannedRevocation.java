package io.tenure.governance.certification;

import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.Operation;
import io.tenure.core.plan.Plan;
import io.tenure.core.plan.Reason;
import io.tenure.core.plan.RemoveEntitlement;
import io.tenure.engine.planning.PlanningService;
import io.tenure.engine.provisioning.Provisioning;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Revokes through the one path that changes targets: the plan for the person, stored through the
 * mass-change brake and executed from the durable queue. The removals of the revoked role's
 * entitlements carry the campaign as their reason ({@code no longer granted, from campaign ...}).
 */
public final class PlannedRevocation implements AccessRevoker {

  private final PlanningService planning;
  private final Provisioning provisioning;

  public PlannedRevocation(PlanningService planning, Provisioning provisioning) {
    this.planning = planning;
    this.provisioning = provisioning;
  }

  @Override
  public void revoke(
      IdentityId identity, Map<String, Set<String>> entitlements, Reason reason, String actor) {
    Plan plan = planning.planFor(List.of(identity));
    List<Operation> operations = new ArrayList<>();
    for (Operation operation : plan.operations()) {
      if (operation instanceof RemoveEntitlement remove
          && Objects.equals(remove.owner(), identity)
          && entitlements
              .getOrDefault(remove.target().value(), Set.of())
              .contains(remove.entitlement())) {
        operations.add(
            new RemoveEntitlement(
                remove.target(),
                remove.username(),
                remove.owner(),
                remove.entitlement(),
                reason.because("no longer granted")));
      } else {
        operations.add(operation);
      }
    }
    if (!operations.isEmpty()) {
      provisioning.applyGuarded(new Plan(operations), actor, reason.render());
    }
  }
}
