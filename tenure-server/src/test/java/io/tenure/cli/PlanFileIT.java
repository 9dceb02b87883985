package io.tenure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.tenure.engine.configuration.TenureHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The plan contract end to end (issue 16): the plan a person reviews is the plan that runs. Two
 * John Smiths are numbered by their line in the HR file, so {@code plan} and {@code apply} agree;
 * {@code plan --out FILE} saves the plan and {@code apply FILE} executes exactly it, or refuses it
 * (exit 5) once a source file or the store changed; an older file is refused unless {@code
 * --allow-older}; each outcome has its own exit code (0, 1, 2, 3, 4, 5).
 */
class PlanFileIT {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);
  private static final String HEADER =
      "employee_id,first_name,last_name,department,status,hire_date,end_date,manager_id\n";
  private static final String SMITHS =
      HEADER
          + "E1003,John,Smith,Sales,active,2026-01-05,,\n"
          + "E1002,John,Smith,Engineering,active,2026-01-05,,\n"
          + "E1001,Ada,Lovelace,Engineering,active,2026-01-05,,\n";

  private Path folder;
  private InMemoryDirectoryServer directory;
  private TenureHome home;
  private Path config;
  private Path people;

  @BeforeEach
  void setUp() throws Exception {
    folder = Files.createTempDirectory("tenure-plan-file-it");
    directory = ExampleDirectory.start();
    home = new TenureHome(folder.resolve("home"));
    people = folder.resolve("people.csv");
    write(people, SMITHS, "2026-03-01T08:00:00Z");
    config = folder.resolve("tenure.yaml");
    Files.writeString(
        config,
        """
        sources:
          hr:
            file: people.csv
            key: employeeId
            attributes:
              employeeId: employee_id
              givenName: first_name
              familyName: last_name
              department: department
              managerId: manager_id
            lifecycle: { status: status, startDate: hire_date, endDate: end_date }
        targets:
          directory:
            type: ldap
            url: ldap://127.0.0.1:%d
            bindDn: cn=admin,dc=example,dc=com
            password: ${env:LDAP_PASSWORD}
            accounts: { base: "ou=people,dc=example,dc=com" }
            groups: { base: "ou=groups,dc=example,dc=com" }
            username: initial(givenName) + familyName
            attributes: { cn: "givenName + ' ' + familyName", sn: familyName,
                          employeeNumber: employeeId }
        roles:
          sales: { entitlements: { directory: [sales] } }
          engineering: { entitlements: { directory: [engineering] } }
        rules:
          - { name: sellers, when: "department == 'Sales'", grant: [sales] }
          - { name: engineers, when: "department == 'Engineering'", grant: [engineering] }
        """
            .formatted(directory.getListenPort()));
  }

  @AfterEach
  void tearDown() {
    directory.shutDown(true);
    FileSystemUtils.deleteRecursively(folder.toFile());
  }

  @Test
  void theSavedPlanIsExactlyThePlanThatRunsOrItIsRefused() throws Exception {
    Path saved = folder.resolve("reviewed.plan.json");
    CliRun plan = tenure("plan", "--out", saved.toString());
    assertThat(plan.exitCode).as(plan.toString()).isEqualTo(TenureCli.SUCCESS);
    assertThat(plan.out)
        .contains("add directory/jsmith to sales")
        .contains("add directory/jsmith2 to engineering");
    assertThat(plan.err).contains("Saved the plan to " + saved);
    JsonNode file = JsonMapper.builder().build().readTree(Files.readString(saved));
    assertThat(file.get("format").asString()).isEqualTo("tenure-plan/1");
    assertThat(file.get("madeFrom").get("sources").get("hr").asString()).hasSize(64);
    assertThat(file.get("changes").toString()).contains("add directory/jsmith to sales");

    CliRun usage = tenure("apply", saved.toString(), "--source", "hr");
    assertThat(usage.exitCode).as(usage.toString()).isEqualTo(TenureCli.USAGE);

    CliRun applied = tenure("apply", saved.toString());
    assertThat(applied.exitCode).as(applied.toString()).isEqualTo(TenureCli.SUCCESS);
    assertThat(employeeNumber("jsmith")).as("the reviewed jsmith").isEqualTo("E1003");
    assertThat(employeeNumber("jsmith2")).isEqualTo("E1002");

    // a plan saved, then the HR file changes: the saved plan is refused, nothing runs
    Path second = folder.resolve("second.plan.json");
    write(
        people,
        SMITHS.replace("E1001,Ada,Lovelace,Engineering", "E1001,Ada,Lovelace,Sales"),
        "2026-03-01T09:00:00Z");
    CliRun moved = tenure("plan", "--out", second.toString());
    assertThat(moved.exitCode).as(moved.toString()).isZero();
    assertThat(moved.out)
        .contains("remove directory/alovelace from engineering")
        .contains("because no longer granted after the move department Engineering -> Sales");
    write(people, SMITHS + "E1004,Alan,Turing,Sales,active,2026-01-05,,\n", "2026-03-01T10:00:00Z");
    CliRun changedSource = tenure("apply", second.toString());
    assertThat(changedSource.exitCode).as(changedSource.toString()).isEqualTo(TenureCli.PLAN_STALE);
    assertThat(changedSource.err)
        .contains("was not applied: source hr: its file changed since the plan was made");
    assertThat(entry("aturing")).isNull();

    // a plan saved, then the store changes (an import): refused
    Path third = folder.resolve("third.plan.json");
    assertThat(tenure("plan", "--out", third.toString()).exitCode).isZero();
    Path v2 = folder.resolve("v2.csv");
    write(
        v2,
        SMITHS + "E1005,Grace,Hopper,Engineering,active,2026-01-05,,\n",
        "2026-03-01T11:00:00Z");
    CliRun imported = tenure("import", "--source", "hr", "--file", v2.toString());
    assertThat(imported.exitCode).as(imported.toString()).isEqualTo(TenureCli.SUCCESS);
    CliRun changedStore = tenure("apply", third.toString());
    assertThat(changedStore.exitCode).as(changedStore.toString()).isEqualTo(TenureCli.PLAN_STALE);
    assertThat(changedStore.err).contains("the store changed since the plan was made");
    assertThat(entry("aturing")).isNull();

    CliRun notAPlan = tenure("apply", config.toString());
    assertThat(notAPlan.exitCode).as(notAPlan.toString()).isEqualTo(TenureCli.USAGE);
  }

  @Test
  void anOlderFileIsRefusedUnlessAllowed() throws Exception {
    assertThat(tenure("apply", "--yes").exitCode).isZero();
    Path v2 = folder.resolve("v2.csv");
    write(
        v2,
        SMITHS.replace(
            "E1001,Ada,Lovelace,Engineering,active,2026-01-05,",
            "E1001,Ada,Lovelace,Engineering,terminated,2026-01-05,2026-02-27"),
        "2026-03-02T07:00:00Z");
    CliRun newer = tenure("apply", "--yes", "--source", "hr", "--file", v2.toString());
    assertThat(newer.exitCode).as(newer.toString()).isEqualTo(TenureCli.SUCCESS);
    assertThat(newer.out).contains("disable directory/alovelace");

    CliRun older = tenure("plan");
    assertThat(older.exitCode).as(older.toString()).isEqualTo(TenureCli.FAILURE);
    assertThat(older.err)
        .contains("source hr: ")
        .contains("is older than " + v2)
        .contains("--allow-older");
    CliRun allowed = tenure("plan", "--allow-older");
    assertThat(allowed.exitCode).as(allowed.toString()).isEqualTo(TenureCli.SUCCESS);
    assertThat(allowed.out).contains("enable directory/alovelace");
    CliRun sameAgain = tenure("plan", "--source", "hr", "--file", v2.toString());
    assertThat(sameAgain.exitCode).as("the same file again is not older").isZero();
  }

  @Test
  void exitCodesTellWarningsFailuresAndHeldPlansApart() throws Exception {
    write(
        people,
        SMITHS
            + "E1006,Bad,Date,Sales,active,05/01/2026,,\n"
            + "E1007,Una,Known,Sales,active,2026-01-05,,E9999\n",
        "2026-03-01T08:00:00Z");
    CliRun rejected = tenure("apply", "--yes");
    assertThat(rejected.exitCode).as(rejected.toString()).isEqualTo(TenureCli.WARNINGS);
    assertThat(rejected.out).contains("1 rejected");
    assertThat(rejected.err)
        .contains("WARNING: people.csv:6: manager id E9999 names nobody (no person has employeeId");
    CliRun audit = tenure("audit", "--limit", "500");
    assertThat(audit.out)
        .contains("import.row-rejected")
        .contains("people.csv:5: column hire_date: \"(value withheld)\"")
        .doesNotContain("05/01/2026");

    // progress is drawn (on stderr, as on a terminal), and stdout is still one JSON document
    CliRun json = tenureOnTerminal("plan", "--format", "json");
    assertThat(json.exitCode).as(json.toString()).isEqualTo(TenureCli.WARNINGS);
    assertThat(
            JsonMapper.builder()
                .build()
                .readTree(json.out)
                .get("imports")
                .get(0)
                .get("rejected")
                .asInt())
        .isEqualTo(1);

    write(
        people,
        HEADER + "E1003,John,Smith,Sales,active,05/01/2026,,\nE1002,John,Smith,Sales,active,x,,\n",
        "2026-03-01T09:00:00Z");
    CliRun allRejected = tenure("plan");
    assertThat(allRejected.exitCode).as(allRejected.toString()).isEqualTo(TenureCli.FAILURE);
    assertThat(allRejected.err).contains("every one of the 2 rows of people.csv was rejected");
    assertThat(allRejected.out).doesNotContain("nothing to do");

    write(people, HEADER + "E1003,John,Smith,Sales,active,2026-01-05,,\n", "2026-03-01T10:00:00Z");
    CliRun truncated = tenure("apply", "--yes");
    assertThat(truncated.exitCode).as(truncated.toString()).isEqualTo(TenureCli.WARNINGS);
    assertThat(truncated.err)
        .contains("3 known people are missing from people.csv (of 4 it reported before)")
        .contains("nobody is deprovisioned for it");
    assertThat(entry("alovelace").getAttributeValue("pwdAccountLockedTime")).isNull();

    write(
        people,
        HEADER
            + "E1003,John,Smith,Sales,terminated,2026-01-05,2026-02-27,\n"
            + "E1002,John,Smith,Engineering,terminated,2026-01-05,2026-02-27,\n"
            + "E1001,Ada,Lovelace,Engineering,active,2026-01-05,,\n",
        "2026-03-01T11:00:00Z");
    CliRun held = tenure("apply", "--yes");
    assertThat(held.exitCode).as(held.toString()).isEqualTo(TenureCli.HELD);
    assertThat(held.err).contains("HELD by the mass-change brake");
  }

  private CliRun tenureOnTerminal(String... arguments) {
    return CliRun.run(
        home, CLOCK, CliRun.answering(), UnaryOperator.identity(), withConfig(arguments));
  }

  private CliRun tenure(String... arguments) {
    return CliRun.run(
        home, CLOCK, Terminal.none(), UnaryOperator.identity(), withConfig(arguments));
  }

  private String[] withConfig(String... arguments) {
    String[] withConfig = new String[arguments.length + 2];
    withConfig[0] = "--config";
    withConfig[1] = config.toString();
    System.arraycopy(arguments, 0, withConfig, 2, arguments.length);
    return withConfig;
  }

  private static void write(Path file, String content, String modified) throws Exception {
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse(modified)));
  }

  private SearchResultEntry entry(String uid) throws Exception {
    return directory.getEntry("uid=" + uid + ",ou=people,dc=example,dc=com");
  }

  private String employeeNumber(String uid) throws Exception {
    SearchResultEntry entry = entry(uid);
    assertThat(entry).as("entry %s", uid).isNotNull();
    return entry.getAttributeValue("employeeNumber");
  }
}
