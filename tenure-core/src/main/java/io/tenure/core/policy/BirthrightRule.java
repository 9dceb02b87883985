package io.tenure.core.policy;

import java.util.List;
import java.util.Objects;

/**
 * A birthright rule as configured: every identity whose attributes satisfy {@code condition} (a CEL
 * condition, see {@link io.tenure.core.expression.ExpressionEnvironment}) holds the {@code grants}
 * roles. Compiled and checked against the roles by {@link Policy}.
 *
 * @param name the rule's name, unique in a policy
 * @param condition the condition's source text, for example {@code department == 'Engineering'}
 * @param grants the roles granted, at least one
 */
public record BirthrightRule(String name, String condition, List<RoleName> grants) {

  public BirthrightRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(condition, "condition");
    grants = List.copyOf(grants);
    if (name.isBlank()) {
      throw new PolicyException("a birthright rule needs a name");
    }
    if (grants.isEmpty()) {
      throw new PolicyException("rule '" + name + "' grants no roles");
    }
  }

  /** A rule granting the named roles. */
  public static BirthrightRule of(String name, String condition, String... grants) {
    return new BirthrightRule(
        name, condition, java.util.Arrays.stream(grants).map(RoleName::of).toList());
  }

  /** The reason step naming this rule: {@code "rule <name>: <condition>"}. */
  public String reasonStep() {
    return "rule " + name + ": " + condition;
  }
}
