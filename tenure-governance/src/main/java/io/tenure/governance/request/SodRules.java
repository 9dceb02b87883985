package io.tenure.governance.request;

import io.tenure.core.policy.IncludedRole;
import io.tenure.core.policy.RoleCatalog;
import io.tenure.core.policy.RoleName;
import io.tenure.engine.configuration.SodRuleDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The separation-of-duties rules: which of them a set of held roles breaks. A rule is broken when a
 * person holds two or more of its roles (a role held through another's includes counts).
 */
public final class SodRules {

  private final List<SodRuleDefinition> rules;
  private final RoleCatalog catalog;

  public SodRules(List<SodRuleDefinition> rules, RoleCatalog catalog) {
    this.rules = List.copyOf(rules);
    this.catalog = catalog;
  }

  public List<SodRuleDefinition> rules() {
    return rules;
  }

  /**
   * A broken rule and the roles of it that are held.
   *
   * @param rule the rule
   * @param held the rule's roles that are held, sorted
   */
  public record Conflict(SodRuleDefinition rule, List<String> held) {

    /** {@code pay-and-approve (high): payments + approvals}. */
    public String describe() {
      return rule.name() + " (" + rule.severity().label() + "): " + String.join(" + ", held);
    }
  }

  /** The rules these roles (with what they include) break. */
  public List<Conflict> conflicts(Collection<RoleName> roles) {
    Set<String> held = new TreeSet<>();
    for (RoleName role : roles) {
      held.add(role.value());
      if (catalog.find(role).isPresent()) {
        for (IncludedRole included : catalog.closure(role)) {
          held.add(included.role().value());
        }
      }
    }
    List<Conflict> conflicts = new ArrayList<>();
    for (SodRuleDefinition rule : rules) {
      List<String> together = rule.roles().stream().filter(held::contains).sorted().toList();
      if (together.size() >= 2) {
        conflicts.add(new Conflict(rule, together));
      }
    }
    return conflicts;
  }

  /**
   * The rules that holding {@code requested} on top of {@code current} breaks and {@code current}
   * alone does not.
   */
  public List<Conflict> createdBy(RoleName requested, Collection<RoleName> current) {
    Set<String> before = new TreeSet<>();
    conflicts(current).forEach(conflict -> before.add(conflict.rule().name()));
    List<RoleName> after = new ArrayList<>(current);
    after.add(requested);
    return conflicts(after).stream()
        .filter(conflict -> !before.contains(conflict.rule().name()))
        .toList();
  }
}
