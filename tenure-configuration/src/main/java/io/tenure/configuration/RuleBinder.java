package io.tenure.configuration;

import static io.tenure.configuration.NodeReader.quote;

import io.tenure.configuration.YamlTree.Entry;
import io.tenure.configuration.YamlTree.ListNode;
import io.tenure.engine.configuration.RoleDefinition;
import io.tenure.engine.configuration.RuleDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code rules: [{name, when, grant: [roles]}]}: birthright rules. Names are unique, each rule
 * grants at least one configured role, and its {@code when} condition is handed to the {@link
 * ExpressionCheck}. A rule's key path is {@code rules.NAME} once its name is known, {@code
 * rules[INDEX]} before.
 */
final class RuleBinder {

  private static final Set<String> KEYS = Set.of("name", "when", "grant");

  private final ExpressionCheck expressions;

  RuleBinder(ExpressionCheck expressions) {
    this.expressions = expressions;
  }

  /** The rules in file order, each that has a name, a condition and a list of roles. */
  List<RuleDefinition> bind(MappingReader top, List<RoleDefinition> roles) {
    Entry entry = top.entries().get("rules");
    if (entry == null) {
      return List.of();
    }
    NodeReader reader = top.reader();
    if (!(entry.value() instanceof ListNode list)) {
      reader.problem(entry.value().location(), "rules", "must be a list of rules");
      return List.of();
    }
    Set<String> roleNames = new HashSet<>();
    roles.forEach(role -> roleNames.add(role.name()));
    Set<String> names = new HashSet<>();
    List<RuleDefinition> rules = new ArrayList<>();
    for (int index = 0; index < list.items().size(); index++) {
      MappingReader indexed = reader.mapping(list.items().get(index), "rules[" + index + "]");
      if (indexed == null) {
        continue;
      }
      indexed.onlyKeys(KEYS);
      String name = indexed.requiredString("name");
      MappingReader rule = indexed;
      if (name != null) {
        rule = indexed.withPath("rules." + name);
        if (!names.add(name)) {
          reader.problem(rule.valueLocation("name"), rule.path(), "another rule has the same name");
        }
      }
      String when = rule.requiredString("when");
      if (when != null) {
        expressions.condition(when, rule.valueLocation("when"), rule.pathOf("when"));
      }
      List<String> grant = rule.optionalStrings("grant");
      if (grant == null || grant.isEmpty()) {
        reader.problem(
            rule.has("grant") ? rule.valueLocation("grant") : rule.location(),
            rule.pathOf("grant"),
            "a rule must grant at least one role");
      } else {
        for (String role : grant) {
          if (!roleNames.contains(role)) {
            rule.problemAt("grant", "no role named " + quote(role));
          }
        }
      }
      if (name != null && when != null && grant != null) {
        rules.add(new RuleDefinition(name, when, grant));
      }
    }
    return rules;
  }
}
