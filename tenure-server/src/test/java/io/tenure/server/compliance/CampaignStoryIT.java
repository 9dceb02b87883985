package io.tenure.server.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.cli.CliEnvironment;
import io.tenure.cli.TenureCli;
import io.tenure.cli.TenureLaunch;
import io.tenure.cli.Terminal;
import io.tenure.cli.demo.DirectoryView;
import io.tenure.cli.demo.DirectoryView.AccountView;
import io.tenure.configuration.YamlConfigurationLoader;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.configuration.TenureHome;
import io.tenure.governance.certification.Certification;
import io.tenure.server.TenureApplication;
import io.tenure.server.TenureLauncher;
import io.tenure.server.guard.LdapUnit;
import io.tenure.server.story.StoryClock;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A certification campaign end to end, through the CLI, against the real OpenLDAP and the embedded
 * PostgreSQL: the engineering manager reviews her team's engineering role, certifies most of it in
 * bulk, revokes one person's (whose membership leaves the directory's groups, and stays away at the
 * next apply, a recorded exception), leaves two undecided; the day after the deadline the
 * campaign's policy (revoke) takes theirs away too; the reports show the result. A requested role
 * revoked in a second campaign ends its assignment and leaves the directory's group for good.
 */
class CampaignStoryIT {

  private static final Instant START = Instant.parse("2026-01-05T08:00:00Z");
  private static final Instant REVIEW = Instant.parse("2026-01-06T09:00:00Z");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path folder;

  private final StoryClock clock = new StoryClock();

  private record Run(int exitCode, String out, String err) {}

  @Test
  void reviewersDecideARevocationLeavesTheDirectoryAndTheDeadlineRevokesTheUndecided()
      throws Exception {
    try (LdapUnit ldap = new LdapUnit("campaign")) {
      String config = configure(ldap);
      DirectoryView directory = ldap.view();
      Run load = run(START, "apply", "--yes", config);
      assertThat(load.exitCode()).as("%s", load).isZero();
      assertThat(groups(directory, "bnguyen")).contains("engineering", "vpn", "staff");

      Run started =
          run(
              REVIEW,
              "campaign",
              "start",
              "--name",
              "q1-engineering",
              "--role",
              "engineering",
              "--reviewers",
              "manager",
              "--due",
              "2026-01-09",
              "--on-deadline",
              "revoke",
              config);
      assertThat(started.exitCode()).as("%s", started).isZero();
      String[] lines = started.out().strip().split("\n");
      String campaign = lines[lines.length - 1].strip();
      assertThat(campaign).startsWith("C-");

      JsonNode items =
          JSON.readTree(
              run(REVIEW, "campaign", "items", campaign, "--format", "json", config).out());
      Map<String, Integer> itemOf = new HashMap<>();
      for (JsonNode item : items) {
        itemOf.put(item.get("employeeId").asString(), item.get("item").asInt());
        assertThat(item.get("origin").asString()).isEqualTo("rule");
        assertThat(item.get("originReference").asString()).isEqualTo("engineering-birthright");
      }
      assertThat(itemOf).containsKeys("E1001", "E1002", "E2006", "E1100");
      JsonNode mine =
          JSON.readTree(
              run(
                      REVIEW,
                      "campaign",
                      "items",
                      campaign,
                      "--reviewer",
                      "E1100",
                      "--format",
                      "json",
                      config)
                  .out());
      assertThat(mine.size()).as("every item but her own").isEqualTo(itemOf.size() - 1);

      // a reviewer who is not the manager may not decide
      Run wrong =
          run(
              REVIEW,
              "campaign",
              "decide",
              campaign,
              "--item",
              itemOf.get("E1001").toString(),
              "--certify",
              "--as",
              "E2006",
              "--comment",
              "me too",
              config);
      assertThat(wrong.exitCode()).isEqualTo(2);
      assertThat(wrong.err()).contains("E2006 does not review item");

      Run revoked =
          run(
              REVIEW,
              "campaign",
              "decide",
              campaign,
              "--item",
              itemOf.get("E1002").toString(),
              "--revoke",
              "--as",
              "E1100",
              "--comment",
              "moved to QA, no production access",
              config);
      assertThat(revoked.exitCode()).as("%s", revoked).isZero();
      assertThat(groups(directory, "bnguyen"))
          .doesNotContain("engineering", "vpn")
          .contains("staff");

      List<String> bulk = new ArrayList<>();
      itemOf.forEach(
          (employee, number) -> {
            if (!Set.of("E1002", "E2006", "E1100").contains(employee)) {
              bulk.add(number.toString());
            }
          });
      Run certified =
          run(
              REVIEW,
              "campaign",
              "decide",
              campaign,
              "--item",
              String.join(",", bulk),
              "--certify",
              "--as",
              "E1100",
              "--comment",
              "still on the team",
              config);
      assertThat(certified.exitCode()).as("%s", certified).isZero();
      Run audit = run(REVIEW, "audit", "--subject", "identity ", "--limit", "1000", config);
      assertThat(audit.out().lines().filter(line -> line.contains("campaign.certified")).count())
          .as("a bulk decision is audited item by item")
          .isEqualTo(bulk.size());

      // the rule would grant it back: the recorded exception keeps it away
      Run again = run(REVIEW, "apply", "--yes", config);
      assertThat(again.exitCode()).as("%s", again).isZero();
      assertThat(groups(directory, "bnguyen")).doesNotContain("engineering", "vpn");
      String thomas = username(directory, "E2006");
      assertThat(groups(directory, thomas)).contains("engineering");

      // the day after the deadline: what nobody decided is revoked
      Instant afterDeadline = Instant.parse("2026-01-10T06:00:00Z");
      try (ConfigurableApplicationContext tenure = start(config, afterDeadline)) {
        assertThat(tenure.getBean(Certification.class).tick()).isEqualTo(2);
      }
      assertThat(groups(directory, thomas)).doesNotContain("engineering", "vpn").contains("staff");
      assertThat(groups(directory, "amartin")).contains("engineering", "vpn");

      JsonNode shown =
          JSON.readTree(
              run(afterDeadline, "campaign", "show", campaign, "--format", "json", config).out());
      assertThat(shown.get("progress").get("revoked").asInt()).isEqualTo(1);
      assertThat(shown.get("progress").get("revoked-at-deadline").asInt()).isEqualTo(2);
      assertThat(shown.get("progress").get("certified").asInt()).isEqualTo(bulk.size());
      assertThat(shown.get("progress").get("pending").asInt()).isZero();

      Run exceptions = run(afterDeadline, "report", "exceptions", "--format", "csv", config);
      assertThat(exceptions.out())
          .contains(
              "E1002,Bob Nguyen,revoked-birthright,engineering,engineering-birthright,reviewer:E1100")
          .contains("E2006,Thomas Dubois,revoked-birthright,engineering")
          .contains(campaign);
      Run changes = run(afterDeadline, "report", "changes", "--format", "json", config);
      assertThat(changes.out())
          .contains("\"cause\" : \"campaign\"", "\"kind\" : \"REMOVE_ENTITLEMENT\"");
      Run access = run(afterDeadline, "report", "access", "--format", "csv", config);
      assertThat(access.out())
          .doesNotContain("E1002,Bob Nguyen,ACTIVE,directory,bnguyen,true,engineering");
      Run before =
          run(
              afterDeadline,
              "report",
              "access",
              "--as-of",
              "2026-01-05",
              "--format",
              "csv",
              config);
      assertThat(before.out())
          .contains("E1002,Bob Nguyen,ACTIVE,directory,bnguyen,true,engineering");

      // a requested role revoked in a campaign: its assignment ends and the membership goes
      Run requested =
          run(
              afterDeadline,
              "request",
              config,
              "create",
              "--for",
              "E1001",
              "--role",
              "wiki",
              "--reason",
              "docs",
              "--as",
              "E1100");
      assertThat(requested.exitCode()).as("%s", requested).isZero();
      assertThat(groups(directory, "amartin")).contains("wiki");
      Run wikiStarted =
          run(
              afterDeadline,
              "campaign",
              "start",
              "--name",
              "q1-wiki",
              "--role",
              "wiki",
              "--reviewers",
              "manager",
              "--due",
              "2026-01-20",
              config);
      assertThat(wikiStarted.exitCode()).as("%s", wikiStarted).isZero();
      String[] wikiLines = wikiStarted.out().strip().split("\n");
      String wikiCampaign = wikiLines[wikiLines.length - 1].strip();
      JsonNode wikiItems =
          JSON.readTree(
              run(afterDeadline, "campaign", "items", wikiCampaign, "--format", "json", config)
                  .out());
      assertThat(wikiItems.size()).isEqualTo(1);
      assertThat(wikiItems.get(0).get("origin").asString()).isEqualTo("request");
      Run wikiRevoked =
          run(
              afterDeadline,
              "campaign",
              "decide",
              wikiCampaign,
              "--item",
              wikiItems.get(0).get("item").asString(),
              "--revoke",
              "--as",
              "E1100",
              "--comment",
              "the docs moved",
              config);
      assertThat(wikiRevoked.exitCode()).as("%s", wikiRevoked).isZero();
      assertThat(groups(directory, "amartin")).doesNotContain("wiki").contains("engineering");
      Run ended = run(afterDeadline, "audit", "--subject", "identity ", "--limit", "1000", config);
      assertThat(ended.out()).contains("assignment.ended");
      Run reapplied = run(afterDeadline, "apply", "--yes", config);
      assertThat(reapplied.exitCode()).as("%s", reapplied).isZero();
      assertThat(groups(directory, "amartin"))
          .as("the ended assignment grants nothing")
          .doesNotContain("wiki");
    } finally {
      FileSystemUtils.deleteRecursively(folder.resolve("home"));
    }
  }

  private static Set<String> groups(DirectoryView directory, String uid) {
    return directory.account(uid).map(AccountView::groups).map(Set::copyOf).orElse(Set.of());
  }

  private static String username(DirectoryView directory, String employeeId) throws Exception {
    try (var connection = connect()) {
      var found =
          connection.search(
              directory.peopleBase(),
              com.unboundid.ldap.sdk.SearchScope.ONE,
              com.unboundid.ldap.sdk.Filter.createEqualityFilter("employeeNumber", employeeId),
              "uid");
      return found.getSearchEntries().get(0).getAttributeValue("uid");
    }
  }

  private static com.unboundid.ldap.sdk.LDAPConnection connect() throws Exception {
    var url =
        new com.unboundid.ldap.sdk.LDAPURL(
            System.getProperty("tenure.it.ldap.url", "ldap://127.0.0.1:3389"));
    return new com.unboundid.ldap.sdk.LDAPConnection(
        url.getHost(), url.getPort(), "cn=admin,dc=example,dc=com", "secret");
  }

  private ConfigurableApplicationContext start(String config, Instant at) throws Exception {
    Path file = Path.of(config.substring("--config=".length()));
    TenureConfiguration configuration =
        new YamlConfigurationLoader(Map.<String, String>of()::get, Set.of())
            .parse(Files.readString(file), "tenure.yaml", folder);
    return TenureApplication.start(
        new TenureLaunch(new TenureHome(folder.resolve("home")), configuration, clock.at(at)));
  }

  private String configure(LdapUnit ldap) throws Exception {
    String yaml = resource("demo/tenure.yaml");
    for (Map.Entry<String, String> variable : ldap.variables().entrySet()) {
      yaml = yaml.replace("${env:" + variable.getKey() + "}", variable.getValue());
    }
    yaml =
        yaml.replace(
            "roles:\n",
            "roles:\n  wiki: { requestable: true, approval: none, entitlements: { directory: [wiki] } }\n");
    Path config = folder.resolve("tenure.yaml");
    Files.writeString(config, yaml);
    Files.writeString(
        folder.resolve("hr-1-initial-load.csv"), resource("demo/hr-1-initial-load.csv"));
    return "--config=" + config;
  }

  private Run run(Instant at, String... arguments) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliEnvironment environment =
        new CliEnvironment(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            Terminal.none(),
            Map.<String, String>of()::get,
            new TenureHome(folder.resolve("home")),
            clock.at(at),
            TenureLauncher.INSTANCE,
            UnaryOperator.identity());
    int code = TenureCli.execute(environment, arguments);
    return new Run(code, out.toString(), err.toString());
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = CampaignStoryIT.class.getResourceAsStream("/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
