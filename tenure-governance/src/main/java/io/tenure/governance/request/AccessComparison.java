package io.tenure.governance.request;

import io.tenure.core.account.TargetId;
import io.tenure.core.identity.Identity;
import io.tenure.core.plan.Reason;
import io.tenure.core.policy.Access;
import io.tenure.core.policy.Role;
import io.tenure.core.policy.RoleName;
import io.tenure.engine.configuration.RoleDefinition;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.people.AccessExplanation;
import io.tenure.engine.planning.ConfiguredPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * "Model after": what a model person's access has that another person's lacks, per target, split
 * three ways. <b>Offered</b>: entitlements of requestable roles the model holds and the person does
 * not (those roles can be requested). <b>Left out</b>: what the person gets anyway (the same
 * entitlement from their own birthright rules or grants). <b>Explained</b>: what the model holds
 * from personal attributes (a rule matching their department, title, ...) or from roles nobody can
 * request: not offered, with the model's reason chain so that a person can see why.
 */
public final class AccessComparison {

  private final TenureConfiguration configuration;
  private final ConfiguredPolicy policy;
  private final AccessExplanation explanation;

  public AccessComparison(
      TenureConfiguration configuration, ConfiguredPolicy policy, AccessExplanation explanation) {
    this.configuration = configuration;
    this.policy = policy;
    this.explanation = explanation;
  }

  /** An entitlement the model has, and what to do about it for the person. */
  public record Difference(String entitlement, Verdict verdict, String role, Reason reason) {}

  /** What the comparison says of an entitlement of the model. */
  public enum Verdict {
    /** Requestable: {@code role} is offered. */
    OFFERED,
    /** The person gets it anyway; {@code reason} is the person's own. */
    LEFT_OUT,
    /** From the model's attributes or a role that cannot be requested; not offered. */
    EXPLAINED
  }

  /**
   * The comparison.
   *
   * @param targets per target, the model's entitlements and their verdicts, by entitlement
   * @param offered the requestable roles to request for the person, each with the model's reason
   */
  public record Comparison(
      String model,
      String person,
      Map<TargetId, List<Difference>> targets,
      Map<RoleName, Reason> offered) {

    /** The differences with one verdict, on every target. */
    public List<Difference> all(Verdict verdict) {
      return targets.values().stream()
          .flatMap(List::stream)
          .filter(difference -> difference.verdict() == verdict)
          .toList();
    }
  }

  public Comparison compare(Identity model, Identity person) {
    Access modelAccess = explanation.explain(model).access();
    Access personAccess = explanation.explain(person).access();
    Map<RoleName, Reason> offered = new TreeMap<>();
    for (Map.Entry<RoleName, Reason> held : modelAccess.roles().entrySet()) {
      if (!personAccess.holds(held.getKey()) && requestable(held.getKey())) {
        offered.put(held.getKey(), held.getValue());
      }
    }
    Map<TargetId, List<Difference>> targets = new TreeMap<>();
    for (Map.Entry<TargetId, Map<String, Reason>> target : modelAccess.entitlements().entrySet()) {
      List<Difference> differences = new ArrayList<>();
      Map<String, Reason> theirs = personAccess.entitlementsOn(target.getKey());
      for (Map.Entry<String, Reason> entitlement : target.getValue().entrySet()) {
        String value = entitlement.getKey();
        if (theirs.containsKey(value)) {
          differences.add(
              new Difference(
                  value, Verdict.LEFT_OUT, roleOf(theirs.get(value)), theirs.get(value)));
          continue;
        }
        Optional<RoleName> offering =
            offered.keySet().stream()
                .filter(role -> grants(role, target.getKey(), value))
                .findFirst();
        differences.add(
            offering
                .map(
                    role -> new Difference(value, Verdict.OFFERED, role.value(), offered.get(role)))
                .orElseGet(
                    () ->
                        new Difference(
                            value,
                            Verdict.EXPLAINED,
                            roleOf(entitlement.getValue()),
                            entitlement.getValue())));
      }
      targets.put(target.getKey(), differences);
    }
    return new Comparison(People.employeeId(model), People.employeeId(person), targets, offered);
  }

  private boolean requestable(RoleName role) {
    return configuration
        .role(role.value())
        .map(RoleDefinition::request)
        .map(settings -> settings.requestable())
        .orElse(false);
  }

  /** Whether the role (with its includes) grants the entitlement on the target. */
  private boolean grants(RoleName role, TargetId target, String entitlement) {
    Set<RoleName> closure = new TreeSet<>();
    policy.policy().roles().closure(role).forEach(included -> closure.add(included.role()));
    for (RoleName each : closure) {
      Optional<Role> found = policy.policy().roles().find(each);
      if (found.isPresent()
          && found.get().entitlements().getOrDefault(target, Set.of()).contains(entitlement)) {
        return true;
      }
    }
    return false;
  }

  /** The role a reason chain names first ({@code "role vpn"} gives {@code vpn}). */
  private static String roleOf(Reason reason) {
    return reason.chain().stream()
        .filter(step -> step.startsWith("role "))
        .map(step -> step.substring("role ".length()))
        .findFirst()
        .orElse("");
  }
}
