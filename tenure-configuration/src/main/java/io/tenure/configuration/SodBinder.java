package io.tenure.configuration;

import static io.tenure.configuration.NodeReader.quote;

import io.tenure.configuration.YamlTree.Entry;
import io.tenure.configuration.YamlTree.ListNode;
import io.tenure.engine.configuration.RoleDefinition;
import io.tenure.engine.configuration.SodRuleDefinition;
import io.tenure.engine.configuration.SodRuleDefinition.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code sod: [{name, roles: [a, b], severity, exceptions, approval}]}: roles that must not be held
 * together. Each rule names two or more configured roles; severity is low, medium, high (default)
 * or critical; {@code exceptions: true} lets a conflicting request be approved as an exception
 * through {@code approval} (default {@code [manager, owner]}).
 */
final class SodBinder {

  private static final Set<String> KEYS =
      Set.of("name", "roles", "severity", "exceptions", "approval");

  private SodBinder() {}

  static List<SodRuleDefinition> bind(MappingReader top, List<RoleDefinition> roles) {
    Entry entry = top.entries().get("sod");
    if (entry == null) {
      return List.of();
    }
    NodeReader reader = top.reader();
    if (!(entry.value() instanceof ListNode list)) {
      reader.problem(entry.value().location(), "sod", "must be a list of rules");
      return List.of();
    }
    Set<String> roleNames = new HashSet<>();
    roles.forEach(role -> roleNames.add(role.name()));
    Set<String> names = new HashSet<>();
    List<SodRuleDefinition> rules = new ArrayList<>();
    for (int index = 0; index < list.items().size(); index++) {
      MappingReader indexed = reader.mapping(list.items().get(index), "sod[" + index + "]");
      if (indexed == null) {
        continue;
      }
      indexed.onlyKeys(KEYS);
      String name = indexed.requiredString("name");
      MappingReader rule = indexed;
      if (name != null) {
        rule = indexed.withPath("sod." + name);
        if (!names.add(name)) {
          reader.problem(
              rule.valueLocation("name"), rule.path(), "another sod rule has the same name");
        }
      }
      List<String> ruleRoles = rule.optionalStrings("roles");
      boolean rolesValid = ruleRoles != null && Set.copyOf(ruleRoles).size() >= 2;
      if (ruleRoles == null || Set.copyOf(ruleRoles).size() < 2) {
        reader.problem(
            rule.has("roles") ? rule.valueLocation("roles") : rule.location(),
            rule.pathOf("roles"),
            "a separation-of-duties rule names at least two different roles");
      } else {
        for (String role : ruleRoles) {
          if (!roleNames.contains(role)) {
            rule.problemAt("roles", "no role named " + quote(role));
            rolesValid = false;
          }
        }
      }
      Severity severity = Severity.HIGH;
      String severityText = rule.optionalString("severity");
      if (severityText != null) {
        try {
          severity = Severity.valueOf(severityText.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          rule.problemAt("severity", quote(severityText) + " is not low, medium, high or critical");
        }
      }
      boolean exceptions = rule.bool("exceptions", false);
      List<String> approval =
          RoleBinder.approval(rule, "approval", List.of(), List.of("manager", "owner"));
      if (name != null && rolesValid) {
        rules.add(new SodRuleDefinition(name, ruleRoles, severity, exceptions, approval));
      }
    }
    return rules;
  }
}
