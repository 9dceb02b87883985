package io.tenure.engine.people;

import io.tenure.core.desired.AccountPresence;
import io.tenure.core.identity.Identity;
import io.tenure.core.lifecycle.Lifecycle;
import io.tenure.core.lifecycle.Presence;
import io.tenure.core.plan.Reason;
import io.tenure.core.policy.Access;
import io.tenure.core.policy.PolicyEvaluator;
import io.tenure.core.policy.RoleName;
import io.tenure.engine.planning.ConfiguredPolicy;
import io.tenure.engine.planning.RoleAssignments;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Explains one person's access as planning would compute it today (the birthright rules and the
 * roles assigned by hand), without changing anything: no username is generated, nothing is saved.
 */
public final class AccessExplanation {

  private final ConfiguredPolicy policy;
  private final PolicyEvaluator evaluator;
  private final RoleAssignments assignments;
  private final Clock clock;

  public AccessExplanation(ConfiguredPolicy policy, RoleAssignments assignments, Clock clock) {
    this.policy = policy;
    this.evaluator = new PolicyEvaluator(policy.policy());
    this.assignments = assignments;
    this.clock = clock;
  }

  /**
   * The person's access today.
   *
   * @throws io.tenure.core.policy.PolicyException if a rule's expression fails for the person
   */
  public ExplainedAccess explain(Identity identity) {
    Presence presence = Lifecycle.presenceOn(identity, LocalDate.now(clock), policy.lifecycle());
    boolean needsAccount =
        presence.presence() == AccountPresence.ENABLED
            || presence.presence() == AccountPresence.DISABLED;
    if (!needsAccount) {
      return new ExplainedAccess(presence, Access.none());
    }
    Map<String, Reason> assigned =
        assignments.assignedTo(List.of(identity.id())).getOrDefault(identity.id(), Map.of());
    Map<RoleName, Reason> roles = new TreeMap<>();
    assigned.forEach(
        (name, reason) -> {
          if (!name.isBlank() && policy.policy().roles().find(RoleName.of(name)).isPresent()) {
            roles.put(RoleName.of(name), reason);
          }
        });
    return new ExplainedAccess(presence, evaluator.evaluate(identity.attributes(), roles));
  }
}
