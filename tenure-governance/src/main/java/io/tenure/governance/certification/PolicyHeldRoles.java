package io.tenure.governance.certification;

import io.tenure.core.identity.Identity;
import io.tenure.core.plan.Reason;
import io.tenure.core.policy.IncludedRole;
import io.tenure.core.policy.PolicyEvaluator;
import io.tenure.core.policy.Role;
import io.tenure.core.policy.RoleName;
import io.tenure.engine.planning.ConfiguredPolicy;
import io.tenure.engine.planning.RoleAssignments;
import io.tenure.engine.planning.WithheldRoles;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The roles as planning grants them: the birthright rules, minus what is withheld, plus
 * assignments.
 */
public final class PolicyHeldRoles implements HeldRoles {

  private final ConfiguredPolicy policy;
  private final PolicyEvaluator evaluator;
  private final RoleAssignments assignments;
  private final WithheldRoles withheld;
  private final Clock clock;

  public PolicyHeldRoles(
      ConfiguredPolicy policy, RoleAssignments assignments, WithheldRoles withheld, Clock clock) {
    this.policy = policy;
    this.evaluator = new PolicyEvaluator(policy.policy());
    this.assignments = assignments;
    this.withheld = withheld;
    this.clock = clock;
  }

  @Override
  public Map<String, Reason> of(Identity person) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    Map<RoleName, Reason> assigned = new TreeMap<>();
    assignments
        .assignedTo(List.of(person.id()))
        .getOrDefault(person.id(), Map.of())
        .forEach(
            (name, reason) -> {
              if (!name.isBlank() && policy.policy().roles().find(RoleName.of(name)).isPresent()) {
                assigned.put(RoleName.of(name), reason);
              }
            });
    Set<RoleName> withheldRoles =
        withheld
            .withheldFrom(List.of(person.id()), today)
            .getOrDefault(person.id(), Set.of())
            .stream()
            .map(RoleName::of)
            .collect(Collectors.toSet());
    Map<String, Reason> direct = new TreeMap<>();
    evaluator
        .evaluate(person.attributes(), assigned, withheldRoles)
        .roles()
        .forEach(
            (role, reason) -> {
              boolean included =
                  reason.chain().stream().anyMatch(step -> step.startsWith("included by role "));
              if (!included) {
                direct.put(role.toString(), reason);
              }
            });
    return direct;
  }

  @Override
  public Map<String, Set<String>> entitlements(String role) {
    Map<String, Set<String>> entitlements = new TreeMap<>();
    for (IncludedRole included : policy.policy().roles().closure(RoleName.of(role))) {
      Role found = policy.policy().roles().find(included.role()).orElseThrow();
      found
          .entitlements()
          .forEach(
              (target, values) ->
                  entitlements
                      .computeIfAbsent(target.value(), key -> new TreeSet<>())
                      .addAll(values));
    }
    return entitlements;
  }
}
