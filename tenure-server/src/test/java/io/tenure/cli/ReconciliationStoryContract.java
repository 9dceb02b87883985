package io.tenure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.tenure.engine.configuration.TenureHome;
import io.tenure.server.guard.LdapUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reconciliation stories through the CLI against the real OpenLDAP, under a fresh organisational
 * unit removed at the end: accounts are provisioned, then changed by hand (an orphan added, an
 * attribute and a group membership changed, an account deleted, an ambiguous account added, a
 * leaver's account enabled again); {@code reconcile} reports it all and changes nothing, {@code
 * findings} exports it as CSV and JSON, {@code reconcile --policy fix} disables the orphan, reverts
 * the drift, recreates the missing account and leaves the ambiguous one alone; afterwards the
 * "terminated people with enabled accounts" report is empty. The store is chosen by the subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ReconciliationStoryContract {

  private static final String LDAP_URL =
      System.getProperty("tenure.it.ldap.url", "ldap://127.0.0.1:3389");
  private static final String ADMIN = "cn=admin,dc=example,dc=com";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String unit =
      "ou=reconcile-" + UUID.randomUUID().toString().substring(0, 8) + ",dc=example,dc=com";
  private Path folder;
  private TenureHome home;
  private Path config;

  /** Puts the launch on the store under test. */
  protected abstract UnaryOperator<TenureLaunch> store();

  /** Prepares the store before the first command (a database to create, say). */
  protected void createStore() throws Exception {}

  /** Removes what {@link #createStore()} made. */
  protected void dropStore() throws Exception {}

  @BeforeAll
  void setUp() throws Exception {
    createStore();
    folder = Files.createTempDirectory("tenure-reconcile-it");
    home = new TenureHome(folder.resolve("home"));
    try (LDAPConnection connection = admin()) {
      connection.add(
          "dn: " + unit,
          "objectClass: organizationalUnit",
          "ou: " + unit.substring(3, unit.indexOf(',')));
      connection.add("dn: ou=people," + unit, "objectClass: organizationalUnit", "ou: people");
      connection.add("dn: ou=groups," + unit, "objectClass: organizationalUnit", "ou: groups");
    }
    Files.createDirectories(folder.resolve("hr"));
    writePeople("active,2026-01-05,");
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
            url: %s
            bindDn: %s
            password: ${env:LDAP_PASSWORD}
            accounts: { base: "ou=people,%s", rdn: uid }
            groups: { base: "ou=groups,%s" }
            disable: { attribute: pwdAccountLockedTime, value: "000001010000Z" }
            username: "'u' + employeeId"
            attributes:
              cn: "givenName + ' ' + familyName"
              sn: familyName
              employeeNumber: employeeId
              departmentNumber: department
            guard: { maxDisablePercent: 100, maxDisableCount: 1000 }
            reconciliation:
              correlation: ["@name = @username", "departmentNumber = department"]
              policy: { drifted: fix, missing: fix, unlinked: link, orphan: disable }
              orphans: { exclude: ["svc-*"] }
              orphanRetention: P30D
        roles:
          staff: { entitlements: { directory: [staff] } }
          engineering: { includes: [staff], entitlements: { directory: [engineering] } }
        rules:
          - { name: everyone, when: "true", grant: [staff] }
          - { name: engineers, when: "department == 'Engineering'", grant: [engineering] }
        """
            .formatted(LDAP_URL, ADMIN, unit, unit));
  }

  @AfterAll
  void tearDown() throws Exception {
    dropStore();
    try (LDAPConnection connection = admin()) {
      LdapUnit.deleteSubtree(connection, unit);
    }
    FileSystemUtils.deleteRecursively(folder);
  }

  @Test
  @Order(1)
  void provisionedAccountsAreCompliant() throws Exception {
    CliRun applied = tenure("apply", "--yes");
    assertThat(applied.exitCode).as(applied.toString()).isZero();
    assertThat(entry("u1001")).as(applied.toString()).isNotNull();
    writePeople("terminated,2026-01-05,2026-02-27");
    CliRun leaver = tenure("apply", "--yes");
    assertThat(leaver.exitCode).as(leaver.toString()).isZero();
    assertThat(entry("u1002")).as(applied + "\n" + leaver).isNotNull();
    assertThat(disabled("u1002")).isTrue();

    JsonNode report = reconcile("--format", "json");
    assertThat(report.get("accountsRead").asInt()).isEqualTo(4);
    assertThat(report.get("counts").get("COMPLIANT").asInt()).as(report.toString()).isEqualTo(4);
    CliRun findings = tenure("findings");
    assertThat(findings.out).as(findings.toString()).contains("No findings.");
  }

  @Test
  @Order(2)
  void handMadeChangesAreReportedAndNothingIsChanged() throws Exception {
    try (LDAPConnection connection = admin()) {
      connection.add(
          "dn: uid=ghost,ou=people," + unit,
          "objectClass: inetOrgPerson",
          "uid: ghost",
          "cn: Ghost",
          "sn: Ghost");
      connection.add(
          "dn: uid=eng-temp,ou=people," + unit,
          "objectClass: inetOrgPerson",
          "uid: eng-temp",
          "cn: Engineering Temp",
          "sn: Temp",
          "departmentNumber: Engineering");
      connection.modify(
          "uid=u1001,ou=people," + unit,
          new Modification(ModificationType.REPLACE, "cn", "Ada King"));
      connection.modify(
          "cn=engineering,ou=groups," + unit,
          new Modification(ModificationType.DELETE, "member", "uid=u1001,ou=people," + unit));
      connection.delete("uid=u1003,ou=people," + unit);
      connection.modify(
          "uid=u1002,ou=people," + unit,
          new Modification(ModificationType.DELETE, "pwdAccountLockedTime"));
    }

    JsonNode report = reconcile("--format", "json");

    JsonNode counts = report.get("counts");
    assertThat(counts.get("ORPHAN").asInt()).as(report.toString()).isEqualTo(1);
    assertThat(counts.get("AMBIGUOUS").asInt()).as(report.toString()).isEqualTo(1);
    assertThat(counts.get("DRIFTED").asInt()).as(report.toString()).isEqualTo(2);
    assertThat(counts.get("MISSING").asInt()).as(report.toString()).isEqualTo(1);
    assertThat(counts.get("COMPLIANT").asInt()).as(report.toString()).isEqualTo(1);
    assertThat(report.get("plannedOperations").asInt()).isZero();
    assertThat(disabled("ghost")).isFalse();
    assertThat(entry("u1003")).isNull();
    assertThat(entry("u1001").getAttributeValue("cn")).isEqualTo("Ada King");
    assertThat(disabled("u1002")).isFalse();

    CliRun leavers = tenure("findings", "--terminated-enabled", "--format", "json");
    assertThat(leavers.exitCode).as(leavers.toString()).isZero();
    JsonNode enabledLeavers = findingsArray(leavers.out);
    assertThat(enabledLeavers.size()).as(leavers.out).isEqualTo(1);
    assertThat(enabledLeavers.get(0).get("username").asString()).isEqualTo("u1002");
    assertThat(enabledLeavers.get(0).get("ownerState").asString()).isEqualTo("TERMINATED");
  }

  @Test
  @Order(3)
  void findingsExportAsCsvAndJson() throws Exception {
    CliRun csv = tenure("findings", "--format", "csv");
    assertThat(csv.exitCode).as(csv.toString()).isZero();
    List<String> lines = csv.out.lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "target,username,situation,owner,ownerState,accountEnabled,action,foundAt,detail,"
                + "differences");
    assertThat(lines.subList(1, lines.size()))
        .hasSize(5)
        .anySatisfy(line -> assertThat(line).startsWith("directory,eng-temp,AMBIGUOUS,"))
        .anySatisfy(line -> assertThat(line).startsWith("directory,ghost,ORPHAN,"))
        .anySatisfy(line -> assertThat(line).startsWith("directory,u1001,DRIFTED,"))
        .anySatisfy(line -> assertThat(line).startsWith("directory,u1002,DRIFTED,"))
        .anySatisfy(line -> assertThat(line).startsWith("directory,u1003,MISSING,"));
    assertThat(csv.out).contains("Ada King").contains("engineering");

    CliRun json = tenure("findings", "--format", "json", "--situation", "drifted");
    assertThat(json.exitCode).as(json.toString()).isZero();
    JsonNode drifted = findingsArray(json.out);
    assertThat(drifted.size()).as(json.out).isEqualTo(2);
    assertThat(drifted.get(0).get("username").asString()).isEqualTo("u1001");
    assertThat(drifted.get(0).get("differences").toString())
        .contains("Ada King")
        .contains("engineering");
  }

  @Test
  @Order(4)
  void aFixRunDisablesTheOrphanRevertsDriftRecreatesTheMissingAndLeavesTheAmbiguous()
      throws Exception {
    String ambiguousBefore = attribute("eng-temp", "modifyTimestamp");

    JsonNode report = reconcile("--policy", "fix", "--format", "json");

    assertThat(report.get("execution").get("failed").asInt()).as(report.toString()).isZero();
    assertThat(report.get("execution").get("succeeded").asInt()).isPositive();
    assertThat(disabled("ghost")).as("the orphan is disabled").isTrue();
    assertThat(entry("ghost")).as("and kept").isNotNull();
    assertThat(entry("u1001").getAttributeValue("cn")).isEqualTo("Ada Lovelace");
    assertThat(members("engineering")).contains("uid=u1001,ou=people," + unit);
    assertThat(entry("u1003")).as("recreated").isNotNull();
    assertThat(entry("u1003").getAttributeValue("cn")).isEqualTo("Grace Hopper");
    assertThat(members("engineering")).contains("uid=u1003,ou=people," + unit);
    assertThat(disabled("u1002")).as("the leaver is disabled again").isTrue();
    assertThat(disabled("eng-temp")).as("ambiguous: untouched").isFalse();
    assertThat(attribute("eng-temp", "modifyTimestamp")).isEqualTo(ambiguousBefore);

    CliRun leavers = tenure("findings", "--terminated-enabled");
    assertThat(leavers.out).as(leavers.toString()).contains("No findings.");

    JsonNode again = reconcile("--format", "json");
    JsonNode counts = again.get("counts");
    assertThat(counts.get("DRIFTED").asInt()).as(again.toString()).isZero();
    assertThat(counts.get("MISSING").asInt()).as(again.toString()).isZero();
    assertThat(counts.get("AMBIGUOUS").asInt()).as(again.toString()).isEqualTo(1);
    assertThat(counts.get("COMPLIANT").asInt()).as(again.toString()).isEqualTo(4);
  }

  @Test
  @Order(5)
  void anIncrementalRunReadsOnlyWhatChangedAndKeepsTheOtherFindings() throws Exception {
    // modifyTimestamp has whole seconds: let the fix run's changes fall into an earlier second
    Thread.sleep(1100);
    Instant since = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    List<String> before = findingNames();
    assertThat(before).contains("eng-temp").doesNotContain("u1004");
    Thread.sleep(1100);
    try (LDAPConnection connection = admin()) {
      connection.modify(
          "uid=u1004,ou=people," + unit,
          new Modification(ModificationType.REPLACE, "cn", "Linus T"));
    }

    JsonNode report = reconcile("--changed-since", since.toString(), "--format", "json");

    assertThat(report.get("accountsRead").asInt()).as(report.toString()).isEqualTo(1);
    assertThat(report.get("identitiesChecked").asInt()).isZero();
    assertThat(report.get("counts").get("DRIFTED").asInt()).isEqualTo(1);
    List<String> expected = new ArrayList<>(before);
    expected.add("u1004");
    assertThat(findingNames())
        .as("the earlier findings are kept, the drift is added")
        .containsExactlyElementsOf(expected);

    JsonNode fixed =
        reconcile("--changed-since", since.toString(), "--policy", "fix", "--format", "json");
    assertThat(fixed.get("execution").get("failed").asInt()).as(fixed.toString()).isZero();
    assertThat(entry("u1004").getAttributeValue("cn")).isEqualTo("Linus Torvalds");
  }

  // ---- helpers ---------------------------------------------------------------------------

  private JsonNode reconcile(String... options) {
    String[] arguments = new String[options.length + 2];
    arguments[0] = "reconcile";
    arguments[1] = "directory";
    System.arraycopy(options, 0, arguments, 2, options.length);
    CliRun run = tenure(arguments);
    assertThat(run.exitCode).as(run.toString()).isZero();
    return JSON.readTree(run.out);
  }

  private List<String> findingNames() {
    CliRun findings = tenure("findings", "--format", "csv");
    assertThat(findings.exitCode).as(findings.toString()).isZero();
    return findings.out.lines().skip(1).map(line -> line.split(",")[1]).toList();
  }

  private static JsonNode findingsArray(String json) {
    JsonNode node = JSON.readTree(json);
    return node.isArray() ? node : node.get("findings");
  }

  private void writePeople(String alanStatus) throws Exception {
    Files.writeString(
        folder.resolve("hr/people.csv"),
        "employee_id,first_name,last_name,department,status,hire_date,end_date\n"
            + "1001,Ada,Lovelace,Engineering,active,2026-01-05,\n"
            + "1002,Alan,Turing,Sales,"
            + alanStatus
            + "\n"
            + "1003,Grace,Hopper,Engineering,active,2026-01-05,\n"
            + "1004,Linus,Torvalds,Engineering,active,2026-01-05,\n");
  }

  private CliRun tenure(String... arguments) {
    String[] withConfig = new String[arguments.length + 2];
    withConfig[0] = "--config";
    withConfig[1] = config.toString();
    System.arraycopy(arguments, 0, withConfig, 2, arguments.length);
    return CliRun.run(home, CLOCK, Terminal.none(), store(), withConfig);
  }

  private SearchResultEntry entry(String uid) throws Exception {
    try (LDAPConnection connection = admin()) {
      return connection.getEntry(
          "uid=" + uid + ",ou=people," + unit, "*", "pwdAccountLockedTime", "modifyTimestamp");
    }
  }

  private String attribute(String uid, String attribute) throws Exception {
    return entry(uid).getAttributeValue(attribute);
  }

  private boolean disabled(String uid) throws Exception {
    return entry(uid).hasAttribute("pwdAccountLockedTime");
  }

  private List<String> members(String group) throws Exception {
    try (LDAPConnection connection = admin()) {
      SearchResultEntry entry = connection.getEntry("cn=" + group + ",ou=groups," + unit);
      return entry == null ? List.of() : List.of(entry.getAttributeValues("member"));
    }
  }

  private static LDAPConnection admin() throws Exception {
    LDAPURL url = new LDAPURL(LDAP_URL);
    return new LDAPConnection(url.getHost(), url.getPort(), ADMIN, "secret");
  }
}
