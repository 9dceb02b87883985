package io.tenure.core.policy;

import io.tenure.core.account.TargetId;
import io.tenure.core.expression.CompiledCondition;
import io.tenure.core.expression.ExpressionEnvironment;
import io.tenure.core.expression.ExpressionException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The whole access policy: roles, birthright rules (compiled) and per-target account policies,
 * validated together when built. Immutable and thread-safe; evaluate it with {@link
 * PolicyEvaluator}.
 */
public final class Policy {

  private final ExpressionEnvironment environment;
  private final RoleCatalog roles;
  private final List<BirthrightRule> rules;
  private final List<CompiledRule> compiledRules;
  private final SortedMap<TargetId, TargetPolicy> targets;

  /** A birthright rule with its compiled condition. */
  record CompiledRule(BirthrightRule rule, CompiledCondition condition) {}

  /**
   * Builds and validates a policy.
   *
   * @param environment the environment the rule conditions are compiled in (the one the target
   *     policies were compiled in)
   * @param roles the roles
   * @param rules the birthright rules, in configuration order
   * @param targets the target policies
   * @throws PolicyException if two rules share a name, a rule's condition does not compile or a
   *     rule grants an unknown role (naming the rule and the role), two target policies are for the
   *     same target, or a role grants entitlements on a target that has no target policy (naming
   *     the role and the target)
   */
  public Policy(
      ExpressionEnvironment environment,
      RoleCatalog roles,
      List<BirthrightRule> rules,
      Collection<TargetPolicy> targets) {
    this.environment = environment;
    this.roles = roles;
    this.rules = List.copyOf(rules);
    SortedMap<TargetId, TargetPolicy> byTarget = new TreeMap<>();
    for (TargetPolicy target : targets) {
      if (byTarget.putIfAbsent(target.target(), target) != null) {
        throw new PolicyException("target '" + target.target() + "' has two target policies");
      }
    }
    this.targets = Collections.unmodifiableSortedMap(byTarget);
    for (Role role : roles.roles()) {
      for (TargetId target : role.entitlements().keySet()) {
        if (!byTarget.containsKey(target)) {
          throw new PolicyException(
              "role '" + role.name() + "' grants entitlements on unknown target '" + target + "'");
        }
      }
    }
    Set<String> ruleNames = new HashSet<>();
    List<CompiledRule> compiled = new ArrayList<>();
    for (BirthrightRule rule : this.rules) {
      if (!ruleNames.add(rule.name())) {
        throw new PolicyException("rule '" + rule.name() + "' is defined twice");
      }
      for (RoleName granted : rule.grants()) {
        if (!roles.contains(granted)) {
          throw new PolicyException(
              "rule '" + rule.name() + "' grants unknown role '" + granted + "'");
        }
      }
      try {
        compiled.add(new CompiledRule(rule, environment.compileCondition(rule.condition())));
      } catch (ExpressionException exception) {
        throw new PolicyException(
            "rule '" + rule.name() + "' condition: " + exception.getMessage(), exception);
      }
    }
    this.compiledRules = List.copyOf(compiled);
  }

  /** The environment the expressions were compiled in. */
  public ExpressionEnvironment environment() {
    return environment;
  }

  /** The roles. */
  public RoleCatalog roles() {
    return roles;
  }

  /** The birthright rules, in configuration order. */
  public List<BirthrightRule> rules() {
    return rules;
  }

  /** The target policies, by target, sorted. */
  public SortedMap<TargetId, TargetPolicy> targets() {
    return targets;
  }

  /** The policy for one target, if it has one. */
  public Optional<TargetPolicy> target(TargetId target) {
    return Optional.ofNullable(targets.get(target));
  }

  /**
   * This policy without the named rule (for "what if" questions), reusing the compiled conditions;
   * the same policy if there is no such rule.
   */
  public Policy withoutRule(String ruleName) {
    List<BirthrightRule> kept =
        rules.stream().filter(rule -> !rule.name().equals(ruleName)).toList();
    if (kept.size() == rules.size()) {
      return this;
    }
    List<CompiledRule> keptCompiled =
        compiledRules.stream().filter(rule -> !rule.rule().name().equals(ruleName)).toList();
    return new Policy(environment, roles, kept, keptCompiled, targets);
  }

  /** A copy with fewer rules, already validated and compiled. */
  private Policy(
      ExpressionEnvironment environment,
      RoleCatalog roles,
      List<BirthrightRule> rules,
      List<CompiledRule> compiledRules,
      SortedMap<TargetId, TargetPolicy> targets) {
    this.environment = environment;
    this.roles = roles;
    this.rules = rules;
    this.compiledRules = compiledRules;
    this.targets = targets;
  }

  List<CompiledRule> compiledRules() {
    return compiledRules;
  }

  @Override
  public String toString() {
    return "Policy["
        + roles.names().size()
        + " roles, "
        + rules.size()
        + " rules, targets "
        + targets.keySet()
        + "]";
  }
}
