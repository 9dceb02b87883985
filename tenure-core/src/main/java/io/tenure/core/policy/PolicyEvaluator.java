package io.tenure.core.policy;

import io.tenure.core.account.TargetId;
import io.tenure.core.expression.ExpressionException;
import io.tenure.core.plan.Reason;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Evaluates a {@link Policy} for one identity: which birthright rules match its attributes, which
 * roles that gives (with their includes), and which entitlements on which targets.
 *
 * <p>Reason chains, most specific step first:
 *
 * <ul>
 *   <li>a role granted by a rule: {@code ["role engineering", "rule engineering-birthright:
 *       department == 'Engineering'"]};
 *   <li>a role included by another: {@code ["role staff", "included by role engineering", "rule
 *       ..."]}, one {@code included by} step per include, nearest first;
 *   <li>an entitlement: {@code "entitlement cn=staff"} followed by the reason of the role that
 *       grants it.
 * </ul>
 *
 * <p>When several paths give the same role or entitlement, the reason with the fewest steps wins,
 * then the lexicographically smallest chain: the result depends only on the policy and the
 * attributes, not on the order of rules or map iteration. Pure: no I/O, no clock. Thread-safe.
 */
public final class PolicyEvaluator {

  /** Fewest steps first, then step by step in string order. */
  static final Comparator<Reason> PREFERRED_REASON =
      Comparator.<Reason>comparingInt(reason -> reason.chain().size())
          .thenComparing(PolicyEvaluator::compareSteps);

  private final Policy policy;

  /** An evaluator of {@code policy}. */
  public PolicyEvaluator(Policy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** The policy evaluated. */
  public Policy policy() {
    return policy;
  }

  /**
   * The access policy grants an identity with these attributes (absent attributes count as {@code
   * ""}).
   *
   * @throws PolicyException if a rule's condition fails to evaluate (naming the rule, with the
   *     {@link ExpressionException} as cause)
   */
  public Access evaluate(Map<String, String> identityAttributes) {
    return evaluate(identityAttributes, Map.of());
  }

  /**
   * The access policy grants an identity with these attributes, plus the roles assigned to it by
   * hand (with their includes). Each assigned role comes with the root cause of its reason chain,
   * for example {@code "SCIM group sales (assigned by scim:okta)"}; the chain of a role assigned so
   * is {@code ["role sales", "SCIM group sales (assigned by scim:okta)"]}.
   *
   * @throws PolicyException if a rule's condition fails to evaluate, or an assigned role is not in
   *     the policy's catalog
   */
  public Access evaluate(Map<String, String> identityAttributes, Map<RoleName, Reason> assigned) {
    return evaluate(identityAttributes, assigned, Set.of());
  }

  /**
   * Like {@link #evaluate(Map, Map)}, except that the birthright rules do not grant the {@code
   * withheld} roles (recorded exceptions: a certification revoked them for this identity). A
   * withheld role still comes through another role that includes it, or an assignment.
   */
  public Access evaluate(
      Map<String, String> identityAttributes,
      Map<RoleName, Reason> assigned,
      Set<RoleName> withheld) {
    Map<RoleName, Reason> roles = new HashMap<>();
    for (Policy.CompiledRule compiled : policy.compiledRules()) {
      if (!matches(compiled, identityAttributes)) {
        continue;
      }
      Reason ruleReason = Reason.of(compiled.rule().reasonStep());
      for (RoleName granted : compiled.rule().grants()) {
        if (!withheld.contains(granted)) {
          grant(roles, granted, ruleReason);
        }
      }
    }
    assigned.forEach(
        (role, why) -> {
          if (policy.roles().find(role).isEmpty()) {
            throw new PolicyException("assigned role '" + role + "' is not configured");
          }
          grant(roles, role, why);
        });
    Map<TargetId, Map<String, Reason>> entitlements = new HashMap<>();
    roles.forEach(
        (name, roleReason) -> {
          Role role = policy.roles().find(name).orElseThrow();
          role.entitlements()
              .forEach(
                  (target, values) -> addEntitlements(entitlements, target, values, roleReason));
        });
    return new Access(roles, entitlements);
  }

  private void grant(Map<RoleName, Reason> roles, RoleName granted, Reason cause) {
    for (IncludedRole included : policy.roles().closure(granted)) {
      Reason reason = cause;
      for (int step = included.includedBy().size() - 1; step >= 0; step--) {
        reason = reason.because("included by role " + included.includedBy().get(step));
      }
      reason = reason.because("role " + included.role());
      roles.merge(included.role(), reason, PolicyEvaluator::preferred);
    }
  }

  private static void addEntitlements(
      Map<TargetId, Map<String, Reason>> entitlements,
      TargetId target,
      Set<String> values,
      Reason roleReason) {
    Map<String, Reason> onTarget = entitlements.computeIfAbsent(target, key -> new HashMap<>());
    for (String value : values) {
      onTarget.merge(value, roleReason.because("entitlement " + value), PolicyEvaluator::preferred);
    }
  }

  private static boolean matches(Policy.CompiledRule compiled, Map<String, String> attributes) {
    try {
      return compiled.condition().test(attributes);
    } catch (ExpressionException exception) {
      throw new PolicyException(
          "rule '" + compiled.rule().name() + "' condition: " + exception.getMessage(), exception);
    }
  }

  private static Reason preferred(Reason first, Reason second) {
    return PREFERRED_REASON.compare(first, second) <= 0 ? first : second;
  }

  private static int compareSteps(Reason first, Reason second) {
    List<String> left = first.chain();
    List<String> right = second.chain();
    for (int index = 0; index < Math.min(left.size(), right.size()); index++) {
      int compared = left.get(index).compareTo(right.get(index));
      if (compared != 0) {
        return compared;
      }
    }
    return Integer.compare(left.size(), right.size());
  }

  @Override
  public String toString() {
    return "PolicyEvaluator[" + policy + "]";
  }
}
