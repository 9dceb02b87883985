package io.tenure.configuration;

import static io.tenure.configuration.TargetYaml.TARGET;
import static io.tenure.configuration.TargetYaml.directory;
import static io.tenure.configuration.TargetYaml.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.engine.configuration.TargetDefinition;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.reconciliation.AccountCorrelationRule;
import io.tenure.engine.reconciliation.OrphanScope;
import io.tenure.engine.reconciliation.ReconciliationPolicy;
import io.tenure.engine.reconciliation.ReconciliationSettings;
import io.tenure.engine.reconciliation.Remedy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code targets.X.reconciliation} in tenure.yaml. */
class ReconciliationYamlTest {

  private List<String> problems(String yaml) {
    try {
      parse(yaml);
    } catch (ConfigurationException e) {
      return e.problems();
    }
    throw new AssertionError("expected the configuration to be rejected:\n" + yaml);
  }

  @Test
  void aTargetWithoutReconciliationGetsTheDefaults() {
    assertThat(directory(TARGET).reconciliation()).isEqualTo(ReconciliationSettings.defaults());
  }

  @Test
  void everySettingIsRead() {
    TargetDefinition directory =
        directory(
            TARGET
                + """
                    reconciliation:
                      correlation: ["@name = @username", "employeeNumber = employeeId"]
                      policy:
                        drifted: report
                        missing: fix
                        unlinked: report
                        orphan: delete-after-retention
                      orphans: { include: ["u*"], exclude: ["svc-*", admin] }
                      orphanRetention: P7D
                      schedule: "0 30 2 * * *"
                      incremental: true
                """);
    assertThat(directory.reconciliation())
        .isEqualTo(
            new ReconciliationSettings(
                List.of(
                    AccountCorrelationRule.byUsername(),
                    new AccountCorrelationRule("employeeNumber", "employeeId")),
                new ReconciliationPolicy(
                    Remedy.REPORT,
                    Remedy.FIX,
                    Remedy.REPORT,
                    Remedy.DELETE_AFTER_RETENTION,
                    Duration.ofDays(7)),
                "0 30 2 * * *",
                true,
                new OrphanScope(List.of("u*"), List.of("svc-*", "admin"))));
    assertThat(directory.connector().settings()).doesNotContainKey("reconciliation.schedule");
  }

  @Test
  void aPartialPolicyKeepsTheOtherDefaults() {
    ReconciliationSettings settings =
        directory(TARGET + "    reconciliation: { policy: { orphan: report } }\n").reconciliation();
    assertThat(settings.policy())
        .isEqualTo(
            new ReconciliationPolicy(
                Remedy.FIX, Remedy.FIX, Remedy.LINK, Remedy.REPORT, Duration.ofDays(30)));
    assertThat(settings.correlation())
        .as("no source key is mapped, and a name match is never a default")
        .isEmpty();
    assertThat(settings.schedule()).isNull();
    assertThat(settings.incremental()).isFalse();
  }

  @Test
  void badValuesNameKeyAndLine() {
    assertThat(
            problems(
                TARGET
                    + """
                        reconciliation:
                          policy: { drifted: link, orphan: delete }
                          schedule: "every night"
                          incremental: maybe
                          orphanRetention: 7 days
                          frequency: daily
                    """))
        .containsExactly(
            "tenure.yaml:6:26: targets.directory.reconciliation.policy.drifted: \"link\" is not"
                + " one of report, fix",
            "tenure.yaml:6:40: targets.directory.reconciliation.policy.orphan: \"delete\" is not"
                + " one of report, disable, delete-after-retention",
            "tenure.yaml:7:17: targets.directory.reconciliation.schedule: \"every night\" is not a"
                + " cron expression with six fields (second minute hour day-of-month month"
                + " day-of-week) such as \"0 0 2 * * *\"",
            "tenure.yaml:8:20: targets.directory.reconciliation.incremental: \"maybe\" is not true"
                + " or false",
            "tenure.yaml:9:24: targets.directory.reconciliation.orphanRetention: \"7 days\" is not"
                + " an ISO-8601 duration such as P30D",
            "tenure.yaml:10:7: targets.directory.reconciliation.frequency: unknown key; expected"
                + " one of [correlation, incremental, orphanRetention, orphans, policy, schedule]");
  }

  @Test
  void anAccountAttributeMappedFromASourceKeyIsTheDefaultCorrelation() {
    TenureConfiguration configuration =
        parse(
            """
            sources:
              hr:
                type: csv
                file: people.csv
                key: employeeId
                fallbackKeys: [email]
                attributes: { employeeId: id, email: mail, givenName: first }
                lifecycle: { status: status, startDate: start }
            targets:
              directory:
                type: ldap
                username: givenName
                attributes: { employeeNumber: employeeId, mail: email, cn: givenName }
            """);
    assertThat(configuration.targets().get(0).reconciliation().correlation())
        .containsExactly(new AccountCorrelationRule("employeeNumber", "employeeId"));
    assertThat(configuration.targets().get(0).reconciliation().policy().orphan())
        .isEqualTo(Remedy.REPORT);
  }

  @Test
  void anOrphanRemedyWithoutAnOrphanScopeIsRefused() {
    assertThat(problems(TARGET + "    reconciliation: { policy: { orphan: disable } }\n"))
        .singleElement()
        .asString()
        .startsWith(
            "tenure.yaml:5:41: targets.directory.reconciliation.policy.orphan: disable needs"
                + " targets.directory.reconciliation.orphans (include and/or exclude");
  }

  @Test
  void badCorrelationRulesAreNamed() {
    assertThat(
            problems(
                TARGET
                    + "    reconciliation: { correlation: [uid, \"a = employeeId\","
                    + " \"b = employeeId\"] }\n"))
        .containsExactly(
            "tenure.yaml:5:36: targets.directory.reconciliation.correlation[0]: \"uid\" is not a"
                + " rule such as \"employeeNumber = employeeId\" (account attribute or @name ="
                + " identity attribute or @username)",
            "tenure.yaml:5:36: targets.directory.reconciliation.correlation[2]: identity"
                + " attribute \"employeeId\" is used by two rules");
  }
}
