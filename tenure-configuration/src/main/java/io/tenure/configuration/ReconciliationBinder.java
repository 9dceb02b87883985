package io.tenure.configuration;

import static io.tenure.configuration.NodeReader.quote;

import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.reconciliation.AccountCorrelationRule;
import io.tenure.engine.reconciliation.OrphanScope;
import io.tenure.engine.reconciliation.ReconciliationPolicy;
import io.tenure.engine.reconciliation.ReconciliationSettings;
import io.tenure.engine.reconciliation.Remedy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.scheduling.support.CronExpression;

/**
 * {@code targets.NAME.reconciliation}: how accounts are correlated to people ({@code correlation}),
 * what is done about each finding ({@linkplain ReconciliationPolicyBinder policy}), which accounts
 * orphan remedies may touch ({@code orphans}), and when it runs ({@code schedule}, {@code
 * incremental}). An orphan remedy other than report needs an orphan scope.
 */
final class ReconciliationBinder {

  private static final Set<String> KEYS =
      Set.of("correlation", "policy", "orphanRetention", "orphans", "schedule", "incremental");

  private ReconciliationBinder() {}

  /**
   * The correlation rules of a target that configures none: an account attribute mapped straight
   * from a source's key (such as {@code employeeNumber: employeeId}) identifies the person. A name
   * match ({@code @name = @username}) is never a default: a generated username is no evidence that
   * an account of that name is the person's.
   */
  static List<AccountCorrelationRule> defaultCorrelation(
      Map<String, String> attributes, List<SourceDefinition> sources) {
    List<AccountCorrelationRule> rules = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (SourceDefinition source : sources) {
      attributes.forEach(
          (accountAttribute, expression) -> {
            if (expression.strip().equals(source.key()) && used.add(source.key())) {
              rules.add(new AccountCorrelationRule(accountAttribute, source.key()));
            }
          });
    }
    return rules;
  }

  /** The reconciliation settings of a target; the defaults use {@code identifying} rules. */
  static ReconciliationSettings bind(
      MappingReader target, List<AccountCorrelationRule> identifying) {
    ReconciliationSettings defaults = ReconciliationSettings.defaults(identifying);
    MappingReader reconciliation = target.optionalMapping("reconciliation");
    if (reconciliation == null) {
      return defaults;
    }
    reconciliation.onlyKeys(KEYS);
    OrphanScope orphans = orphanScope(reconciliation);
    List<AccountCorrelationRule> rules = correlationRules(reconciliation);
    ReconciliationPolicy policy = ReconciliationPolicyBinder.bind(reconciliation);
    String schedule = reconciliation.optionalString("schedule");
    if (schedule != null && !CronExpression.isValidExpression(schedule.trim())) {
      reconciliation.problemAt(
          "schedule",
          quote(schedule)
              + " is not a cron expression with six fields (second minute hour day-of-month"
              + " month day-of-week) such as \"0 0 2 * * *\"");
      schedule = null;
    }
    boolean incremental = reconciliation.bool("incremental", false);
    if (policy.orphan() != Remedy.REPORT && !orphans.isConfigured()) {
      MappingReader policyMapping = reconciliation.optionalMapping("policy");
      String path = reconciliation.path();
      reconciliation
          .reader()
          .problem(
              policyMapping == null
                  ? reconciliation.location()
                  : policyMapping.valueLocation("orphan"),
              path + ".policy.orphan",
              policy.orphan().name().toLowerCase(Locale.ROOT).replace('_', '-')
                  + " needs "
                  + path
                  + ".orphans (include and/or exclude account name patterns, such as exclude:"
                  + " [\"svc-*\", \"admin*\"]), so that accounts Tenure never managed, such as"
                  + " service accounts, are never touched");
      return defaults;
    }
    try {
      return new ReconciliationSettings(
          rules.isEmpty() ? defaults.correlation() : rules,
          policy,
          schedule == null ? null : schedule.trim(),
          incremental,
          orphans);
    } catch (IllegalArgumentException e) {
      reconciliation
          .reader()
          .problem(reconciliation.location(), reconciliation.path(), e.getMessage());
      return defaults;
    }
  }

  /** {@code orphans: { include: ["u*"], exclude: ["svc-*", "admin"] }}: account name globs. */
  private static OrphanScope orphanScope(MappingReader reconciliation) {
    MappingReader orphans = reconciliation.optionalMapping("orphans");
    if (orphans == null) {
      return OrphanScope.unset();
    }
    orphans.onlyKeys(Set.of("include", "exclude"));
    List<String> include = orphans.optionalStrings("include");
    List<String> exclude = orphans.optionalStrings("exclude");
    try {
      return new OrphanScope(
          include == null ? List.of() : include, exclude == null ? List.of() : exclude);
    } catch (IllegalArgumentException e) {
      orphans.reader().problem(orphans.location(), orphans.path(), e.getMessage());
      return OrphanScope.unset();
    }
  }

  /** {@code correlation: ["uid = @username", "employeeNumber = employeeId"]}. */
  private static List<AccountCorrelationRule> correlationRules(MappingReader reconciliation) {
    List<String> texts = reconciliation.optionalStrings("correlation");
    List<AccountCorrelationRule> rules = new ArrayList<>();
    if (texts == null) {
      return rules;
    }
    Set<String> identityAttributes = new HashSet<>();
    for (int index = 0; index < texts.size(); index++) {
      String text = texts.get(index);
      String[] sides = text.split("=", -1);
      String rulePath = reconciliation.pathOf("correlation") + "[" + index + "]";
      if (sides.length != 2 || sides[0].isBlank() || sides[1].isBlank()) {
        reconciliation
            .reader()
            .problem(
                reconciliation.valueLocation("correlation"),
                rulePath,
                quote(text)
                    + " is not a rule such as \"employeeNumber = employeeId\" (account attribute"
                    + " or @name = identity attribute or @username)");
        continue;
      }
      AccountCorrelationRule rule = new AccountCorrelationRule(sides[0].trim(), sides[1].trim());
      if (!identityAttributes.add(rule.identityAttribute())) {
        reconciliation
            .reader()
            .problem(
                reconciliation.valueLocation("correlation"),
                rulePath,
                "identity attribute " + quote(rule.identityAttribute()) + " is used by two rules");
        continue;
      }
      rules.add(rule);
    }
    if (texts.isEmpty()) {
      reconciliation.problemAt("correlation", "needs at least one rule");
    }
    return rules;
  }
}
