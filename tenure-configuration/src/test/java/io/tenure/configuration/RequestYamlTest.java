package io.tenure.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.engine.configuration.RoleDefinition;
import io.tenure.engine.configuration.RoleRequestSettings;
import io.tenure.engine.configuration.RoleRequestSettings.OnMove;
import io.tenure.engine.configuration.SodRuleDefinition;
import io.tenure.engine.configuration.TenureConfiguration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Requestable roles and separation-of-duties rules in {@code tenure.yaml}. */
class RequestYamlTest {

  private final YamlConfigurationLoader loader =
      new YamlConfigurationLoader(Map.<String, String>of()::get, Set.of());

  private TenureConfiguration parse(String yaml) {
    return loader.parse(yaml, "tenure.yaml", Path.of("/etc/tenure"));
  }

  private List<String> problems(String yaml) {
    try {
      parse(yaml);
    } catch (ConfigurationException e) {
      return e.problems();
    }
    throw new AssertionError("expected the configuration to be rejected:\n" + yaml);
  }

  @Test
  void requestableRolesAndSodRulesLoad() {
    TenureConfiguration configuration =
        parse(
            """
            roles:
              staff: {}
              vpn:
                requestable: true
                owner: E1900
                approval: [manager, owner]
                maxDuration: P90D
                approvalTimeout: P2D
                remindBefore: P1D
                onMove: revoke
              payments: { requestable: true, approval: none }
              approvals: { requestable: true, approval: [manager-of-manager, E1950] }
            sod:
              - name: pay-and-approve
                roles: [payments, approvals]
                severity: critical
                exceptions: true
                approval: [E1950]
            """);
    RoleDefinition vpn = configuration.role("vpn").orElseThrow();
    assertThat(vpn.request())
        .isEqualTo(
            new RoleRequestSettings(
                true,
                List.of("E1900"),
                List.of("manager", "owner"),
                Duration.ofDays(90),
                Duration.ofDays(2),
                Duration.ofDays(1),
                OnMove.REVOKE));
    assertThat(configuration.role("staff").orElseThrow().request().requestable()).isFalse();
    assertThat(configuration.role("payments").orElseThrow().request().approval()).isEmpty();
    assertThat(configuration.role("payments").orElseThrow().request().onMove())
        .isEqualTo(OnMove.REVIEW);
    assertThat(configuration.role("approvals").orElseThrow().request().approval())
        .containsExactly("manager-of-manager", "E1950");
    assertThat(configuration.sod())
        .containsExactly(
            new SodRuleDefinition(
                "pay-and-approve",
                List.of("payments", "approvals"),
                SodRuleDefinition.Severity.CRITICAL,
                true,
                List.of("E1950")));
  }

  @Test
  void notificationsAndWebhooksLoadWithTheirSecrets() {
    TenureConfiguration configuration =
        new YamlConfigurationLoader(Map.of("HOOK_SECRET", "0123456789abcdef0123")::get, Set.of())
            .parse(
                """
                notifications:
                  smtp: { host: 127.0.0.1, port: 2525, from: tenure@example.com }
                webhooks:
                  - name: siem
                    url: https://hooks.example.com/tenure
                    secret: ${env:HOOK_SECRET}
                    events: [request.decided, leaver]
                """,
                "tenure.yaml",
                Path.of("/etc/tenure"));
    assertThat(configuration.notifications().smtp().host()).isEqualTo("127.0.0.1");
    assertThat(configuration.notifications().smtp().port()).isEqualTo(2525);
    assertThat(configuration.notifications().webhooks()).hasSize(1);
    assertThat(configuration.notifications().webhooks().get(0).secret())
        .isEqualTo("0123456789abcdef0123");
    assertThat(configuration.notifications().webhooks().get(0).wants("leaver")).isTrue();
    assertThat(configuration.notifications().webhooks().get(0).wants("joiner")).isFalse();
    assertThat(configuration.notifications().webhooks().get(0).toString()).doesNotContain("0123");
    assertThat(
            problems(
                """
                notifications:
                  smtp: { host: mail, from: nobody }
                webhooks:
                  - { name: x, url: "ftp://x", secret: short, events: [lunch] }
                """))
        .containsExactly(
            "tenure.yaml:2:29: notifications.smtp.from: \"nobody\" is not an e-mail address",
            "tenure.yaml:4:21: webhooks.x.url: \"ftp://x\" is not an http or https URL",
            "tenure.yaml:4:40: webhooks.x.secret: must be at least 16 characters long",
            "tenure.yaml:4:55: webhooks.x.events: \"lunch\" is not one of [access.ended,"
                + " access.ending, access.review, joiner, leaver, mover, request.decided,"
                + " request.escalated, request.expired, request.failed, request.pending,"
                + " request.provisioned]");
  }

  @Test
  void badRequestSettingsAndSodRulesAreReportedWithTheirPlace() {
    assertThat(
            problems(
                """
                roles:
                  vpn:
                    requestable: yes-please
                    maxDuration: 90 days
                    onMove: forget
                    approval: [manager, none]
                  wiki: { requestable: true }
                sod:
                  - name: lonely
                    roles: [vpn]
                  - name: ghost
                    roles: [vpn, pilot]
                    severity: dire
                """))
        .containsExactly(
            "tenure.yaml:3:18: roles.vpn.requestable: \"yes-please\" is not true or false",
            "tenure.yaml:4:18: roles.vpn.maxDuration: \"90 days\" is not an ISO-8601 duration"
                + " such as P30D",
            "tenure.yaml:5:13: roles.vpn.onMove: \"forget\" is not keep, review or revoke",
            "tenure.yaml:6:15: roles.vpn.approval: none stands alone: it means no approval",
            "tenure.yaml:7:24: roles.wiki.requestable: a requestable role approved by its owner"
                + " needs an owner (set owner, or approval)",
            "tenure.yaml:10:12: sod.lonely.roles: a separation-of-duties rule names at least two"
                + " different roles",
            "tenure.yaml:12:12: sod.ghost.roles: no role named \"pilot\"",
            "tenure.yaml:13:15: sod.ghost.severity: \"dire\" is not low, medium, high or"
                + " critical");
  }
}
