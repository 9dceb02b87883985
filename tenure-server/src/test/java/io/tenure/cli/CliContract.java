package io.tenure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.tenure.engine.configuration.TenureHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CLI end to end: an HR file, an LDAP directory (in memory), the store (embedded or external,
 * by subclass). Plan changes nothing; apply needs confirmation; applying twice gives an empty plan;
 * a leaver is disabled; the audit chain verifies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CliContract {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);

  private Path folder;
  private InMemoryDirectoryServer directory;
  private TenureHome home;
  private Path config;

  /** Puts the launch on the store under test. */
  protected abstract UnaryOperator<TenureLaunch> store();

  @BeforeAll
  void setUp() throws Exception {
    folder = Files.createTempDirectory("tenure-cli-it");
    directory = ExampleDirectory.start();
    home = new TenureHome(folder.resolve("home"));
    Files.createDirectories(folder.resolve("hr"));
    writePeople("active");
    config = folder.resolve("tenure.yaml");
    Files.writeString(
        config,
        """
        sources:
          hr:
            file: hr/people.csv
            key: employeeId
            attributes:
              employeeId: employee_id
              givenName: first_name
              familyName: last_name
              department: department
            lifecycle: { status: status, startDate: hire_date, endDate: end_date }
        targets:
          directory:
            type: ldap
            url: ldap://127.0.0.1:%d
            bindDn: cn=admin,dc=example,dc=com
            password: ${env:LDAP_PASSWORD}
            accounts: { base: "ou=people,dc=example,dc=com" }
            groups: { base: "ou=groups,dc=example,dc=com" }
            username: "'u' + employeeId"
            attributes: { cn: "givenName + ' ' + familyName", sn: familyName }
        roles:
          staff: { entitlements: { directory: [staff] } }
          engineering: { includes: [staff], entitlements: { directory: [engineering] } }
        rules:
          - { name: everyone, when: "true", grant: [staff] }
          - { name: engineers, when: "department == 'Engineering'", grant: [engineering] }
        """
            .formatted(directory.getListenPort()));
  }

  @AfterAll
  void tearDown() throws Exception {
    directory.shutDown(true);
    FileSystemUtils.deleteRecursively(folder);
  }

  private void writePeople(String alanStatus) throws Exception {
    Files.writeString(
        folder.resolve("hr/people.csv"),
        "employee_id,first_name,last_name,department,status,hire_date,end_date\n"
            + "1001,Ada,Lovelace,Engineering,active,2026-01-05,\n"
            + "1002,Alan,Turing,Sales,"
            + alanStatus
            + ",2026-01-05,"
            + (alanStatus.equals("terminated") ? "2026-02-27" : "")
            + "\n");
  }

  private CliRun tenure(Terminal terminal, String... arguments) {
    String[] withConfig = new String[arguments.length + 2];
    withConfig[0] = "--config";
    withConfig[1] = config.toString();
    System.arraycopy(arguments, 0, withConfig, 2, arguments.length);
    return CliRun.run(home, CLOCK, terminal, store(), withConfig);
  }

  private CliRun tenure(String... arguments) {
    return tenure(Terminal.none(), arguments);
  }

  private SearchResultEntry entry(String uid) throws Exception {
    return directory.getEntry("uid=" + uid + ",ou=people,dc=example,dc=com");
  }

  @Test
  void planApplyAndAuditFromJoinerToLeaver() throws Exception {
    CliRun plan = tenure("plan");
    assertThat(plan.exitCode).as(plan.toString()).isZero();
    assertThat(plan.out)
        .contains("dry run")
        .contains("create directory/u1001")
        .contains("add directory/u1001 to engineering")
        .contains("because ")
        .contains("Summary: 2 create account");
    CliRun nothingKept = tenure("audit");
    assertThat(nothingKept.out).as(nothingKept.toString()).contains("No audit events.");
    assertThat(entry("u1001")).isNull();

    CliRun declined = tenure(CliRun.answering("n"), "apply");
    assertThat(declined.exitCode).as(declined.toString()).isEqualTo(1);
    assertThat(declined.err).contains("Nothing was applied.");
    assertThat(entry("u1001")).isNull();

    CliRun applied = tenure(CliRun.answering("y"), "apply");
    assertThat(applied.exitCode).as(applied.toString()).isZero();
    assertThat(applied.out).contains("0 failed, 0 skipped");
    assertThat(entry("u1001")).isNotNull();
    assertThat(entry("u1001").getAttributeValue("cn")).isEqualTo("Ada Lovelace");
    assertThat(entry("u1002")).isNotNull();

    CliRun again = tenure("apply", "--yes");
    assertThat(again.exitCode).as(again.toString()).isZero();
    assertThat(again.out).contains("Plan: nothing to do");

    writePeople("terminated");
    CliRun leaver = tenure("plan", "--format", "json");
    assertThat(leaver.exitCode).as(leaver.toString()).isZero();
    JsonNode json = JsonMapper.builder().build().readTree(leaver.out);
    assertThat(json.get("dryRun").asBoolean()).isTrue();
    assertThat(json.get("imports").get(0).get("updated").asInt()).isEqualTo(1);
    assertThat(json.get("plan").get("counts").has("DISABLE_ACCOUNT")).isTrue();
    assertThat(leaver.out).contains("\"username\" : \"u1002\"");

    CliRun disabled = tenure("apply", "--yes", "--format", "json");
    assertThat(disabled.exitCode).as(disabled.toString()).isZero();
    JsonNode execution = JsonMapper.builder().build().readTree(disabled.out).get("execution");
    assertThat(execution.get("failed").asInt()).isZero();
    assertThat(execution.get("succeeded").asInt()).isPositive();

    CliRun audit = tenure("audit", "--verify", "--limit", "500");
    assertThat(audit.exitCode).as(audit.toString()).isZero();
    assertThat(audit.out)
        .contains("identity.joiner")
        .contains("identity.leaver")
        .contains("Audit chain intact: ");
    CliRun subject = tenure("audit", "--subject", "directory/u1002", "--format", "json");
    assertThat(subject.exitCode).as(subject.toString()).isZero();
    JsonNode events = JsonMapper.builder().build().readTree(subject.out).get("events");
    assertThat(events.size()).isPositive();
    events.forEach(event -> assertThat(event.get("subject").asString()).contains("u1002"));
  }
}
