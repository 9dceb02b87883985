package io.tenure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.engine.configuration.TenureHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tenure person show|list}, and the names and employee ids beside identity ids in the audit
 * listing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersonCommandIT {

  private Path folder;
  private ScratchDatabase database;

  @BeforeAll
  void importPeople() throws Exception {
    folder = Files.createTempDirectory("tenure-person-it");
    database = ScratchDatabase.create("tenure_person_it");
    Files.writeString(
        folder.resolve("people.csv"),
        """
        employee_id,first_name,last_name,department,status,hire_date
        E1001,Alice,Martin,Engineering,active,2020-01-06
        E1002,Bob,Baker,Sales,active,2021-03-01
        E1003,Carol,Martinez,Sales,terminated,2019-05-01
        """);
    Files.writeString(
        folder.resolve("tenure.yaml"),
        """
        sources:
          hr:
            file: people.csv
            key: employeeId
            attributes: { employeeId: employee_id, givenName: first_name,
                          familyName: last_name, department: department }
            lifecycle: { status: status, startDate: hire_date }
        """);
    CliRun imported = run("import", "--source", "hr");
    assertThat(imported.exitCode).as(imported.toString()).isZero();
  }

  @AfterAll
  void dropDatabase() {
    database.close();
    FileSystemUtils.deleteRecursively(folder.toFile());
  }

  private CliRun run(String... arguments) {
    String[] withConfig = new String[arguments.length + 2];
    System.arraycopy(arguments, 0, withConfig, 0, arguments.length);
    withConfig[arguments.length] = "--config";
    withConfig[arguments.length + 1] = folder.resolve("tenure.yaml").toString();
    return CliRun.run(
        new TenureHome(folder.resolve("home")),
        Clock.systemUTC(),
        Terminal.none(),
        database.store(),
        withConfig);
  }

  @Test
  void personListShowsNamesEmployeeIdsAndStatesAndFilters() {
    CliRun all = run("person", "list");
    assertThat(all.exitCode).as(all.toString()).isZero();
    assertThat(all.out).contains("Alice Martin", "E1001", "Bob Baker", "E1002", "Carol Martinez");

    CliRun active = run("person", "list", "--state", "active");
    assertThat(active.out).contains("E1001", "E1002").doesNotContain("E1003");

    CliRun search = run("person", "list", "--search", "martin");
    assertThat(search.out).contains("E1001", "E1003").doesNotContain("E1002");
  }

  @Test
  void personShowByEmployeeIdOrIdentityIdGivesTheWholePicture() throws Exception {
    CliRun shown = run("person", "show", "E1001");
    assertThat(shown.exitCode).as(shown.toString()).isZero();
    assertThat(shown.out)
        .contains("Alice Martin (E1001)")
        .contains("Lifecycle: ACTIVE", "start 2020-01-06")
        .contains("department: Engineering  (from hr)")
        .contains("Roles:", "Accounts:", "Open operations:", "Recent audit events:");

    CliRun json = run("person", "show", "E1001", "--format", "json");
    JsonNode person = JsonMapper.builder().build().readTree(json.out);
    assertThat(person.path("employeeId").asText()).isEqualTo("E1001");
    assertThat(person.path("attributes").path("department").path("sources").get(0).asText())
        .isEqualTo("hr");
    assertThat(person.path("lifecycle").path("state").asText()).isEqualTo("ACTIVE");
    assertThat(person.path("history").size()).isPositive();

    String id = person.path("id").asText();
    CliRun byId = run("person", "show", id);
    assertThat(byId.out).contains("Alice Martin (E1001)");

    CliRun nobody = run("person", "show", "E9999");
    assertThat(nobody.exitCode).isEqualTo(TenureCli.FAILURE);
    assertThat(nobody.err).contains("there is no person E9999");
  }

  @Test
  void theAuditListingNamesThePersonBesideTheIdentityId() {
    CliRun audit = run("audit", "--limit", "50");
    assertThat(audit.exitCode).as(audit.toString()).isZero();
    assertThat(audit.out).containsPattern("identity [0-9a-f-]+ Alice Martin \\(E1001\\)");
  }
}
