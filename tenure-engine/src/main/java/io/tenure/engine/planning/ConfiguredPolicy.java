package io.tenure.engine.planning;

import io.tenure.core.account.TargetId;
import io.tenure.core.expression.ExpressionEnvironment;
import io.tenure.core.lifecycle.LifecyclePolicy;
import io.tenure.core.plan.PlanningContext;
import io.tenure.core.policy.BirthrightRule;
import io.tenure.core.policy.Policy;
import io.tenure.core.policy.Role;
import io.tenure.core.policy.RoleCatalog;
import io.tenure.core.policy.RoleName;
import io.tenure.core.policy.TargetPolicy;
import io.tenure.engine.account.Ownership;
import io.tenure.engine.configuration.RoleDefinition;
import io.tenure.engine.configuration.RuleDefinition;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.configuration.TargetDefinition;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.reconciliation.AccountCorrelationRule;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The core {@link Policy}, {@link LifecyclePolicy} and retention periods derived from a {@link
 * TenureConfiguration}, built (and every expression compiled) once.
 *
 * <p>Expressions are compiled in an environment declaring the {@linkplain
 * #expressionAttributes(TenureConfiguration) configuration's identity attributes}, plus {@code
 * extraAttributes} (attributes set by other means); a rule or mapping naming any other attribute is
 * refused at build time.
 */
public final class ConfiguredPolicy {

  private final Policy policy;
  private final LifecyclePolicy lifecycle;
  private final Map<TargetId, Duration> retention;
  private final List<TargetId> targets;
  private final Ownership ownership;

  private ConfiguredPolicy(
      Policy policy,
      LifecyclePolicy lifecycle,
      Map<TargetId, Duration> retention,
      List<TargetId> targets,
      Map<TargetId, Set<String>> identifyingAttributes) {
    this.policy = policy;
    this.lifecycle = lifecycle;
    this.retention = Map.copyOf(retention);
    this.targets = List.copyOf(targets);
    this.ownership = new Ownership(identifyingAttributes, roleEntitlements(policy));
  }

  /**
   * Builds the policy of a configuration.
   *
   * @throws io.tenure.core.policy.PolicyException naming the role, rule or target whose definition
   *     is invalid (unknown role, include cycle, expression that does not compile)
   */
  public static ConfiguredPolicy of(TenureConfiguration configuration) {
    return of(configuration, Set.of());
  }

  /** Builds the policy with further attribute names declared for expressions. */
  public static ConfiguredPolicy of(
      TenureConfiguration configuration, Set<String> extraAttributes) {
    Set<String> attributes = new TreeSet<>(extraAttributes);
    attributes.addAll(expressionAttributes(configuration));
    ExpressionEnvironment environment = ExpressionEnvironment.of(attributes);
    List<Role> roles = new ArrayList<>();
    for (RoleDefinition definition : configuration.roles()) {
      Map<TargetId, Set<String>> entitlements = new TreeMap<>();
      definition
          .entitlements()
          .forEach(
              (target, values) -> entitlements.put(new TargetId(target), new HashSet<>(values)));
      roles.add(
          new Role(
              RoleName.of(definition.name()),
              definition.includes().stream()
                  .map(RoleName::of)
                  .collect(java.util.stream.Collectors.toSet()),
              entitlements,
              definition.description()));
    }
    List<BirthrightRule> rules = new ArrayList<>();
    for (RuleDefinition rule : configuration.rules()) {
      rules.add(
          new BirthrightRule(
              rule.name(), rule.when(), rule.grant().stream().map(RoleName::of).toList()));
    }
    List<TargetPolicy> targetPolicies = new ArrayList<>();
    Map<TargetId, Duration> retention = new TreeMap<>();
    List<TargetId> targets = new ArrayList<>();
    Map<TargetId, Set<String>> identifying = new TreeMap<>();
    for (TargetDefinition target : configuration.targets()) {
      Set<String> accountAttributes = new TreeSet<>();
      for (AccountCorrelationRule rule : target.reconciliation().correlation()) {
        if (!rule.accountAttribute().equals(AccountCorrelationRule.ACCOUNT_NAME)) {
          accountAttributes.add(rule.accountAttribute());
        }
      }
      identifying.put(target.id(), accountAttributes);
      targetPolicies.add(
          new TargetPolicy(
              environment,
              target.id(),
              target.usernameExpression(),
              target.attributes(),
              target.usernameMaxLength()));
      retention.put(target.id(), target.retention());
      targets.add(target.id());
    }
    Policy policy = new Policy(environment, new RoleCatalog(roles), rules, targetPolicies);
    return new ConfiguredPolicy(
        policy,
        new LifecyclePolicy(configuration.lifecycle().prehireDays()),
        retention,
        targets.stream().sorted().toList(),
        identifying);
  }

  /**
   * The identity attributes a configuration's expressions may name: every attribute some source
   * feeds, and every attribute read from pushed SCIM Users ({@code scim.mapping}). Policies are
   * compiled with these declared (and a loader checking expressions declares the same), so an
   * expression naming any other attribute is refused.
   */
  public static SortedSet<String> expressionAttributes(TenureConfiguration configuration) {
    SortedSet<String> attributes = new TreeSet<>(configuration.scim().userAttributes().keySet());
    for (SourceDefinition source : configuration.sources()) {
      attributes.addAll(source.attributes().keySet());
    }
    return attributes;
  }

  public Policy policy() {
    return policy;
  }

  public LifecyclePolicy lifecycle() {
    return lifecycle;
  }

  /**
   * What Tenure may treat as its own on each target: the account attributes of the target's
   * correlation rules identify a person (a name rule never does), and the entitlements the roles
   * name there are the ones it manages.
   */
  public Ownership ownership() {
    return ownership;
  }

  /** Per target, every entitlement a configured role names there. */
  private static Map<TargetId, Set<String>> roleEntitlements(Policy policy) {
    Map<TargetId, Set<String>> byTarget = new TreeMap<>();
    for (Role role : policy.roles().roles()) {
      role.entitlements()
          .forEach(
              (target, values) ->
                  byTarget.computeIfAbsent(target, id -> new TreeSet<>()).addAll(values));
    }
    return byTarget;
  }

  /** The configured targets, sorted. */
  public List<TargetId> targets() {
    return targets;
  }

  /**
   * The planning context at a moment: configured targets keep disabled accounts for their
   * retention; accounts on targets no longer configured are never deleted by a plan.
   */
  public PlanningContext planningContext(Instant now) {
    return new PlanningContext(now, retention, ChronoUnit.FOREVER.getDuration());
  }
}
