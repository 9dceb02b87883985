package io.tenure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchScope;
import io.tenure.connector.ldap.InMemoryDirectory;
import io.tenure.engine.configuration.TenureHome;
import java.nio.charset.StandardCharsets;
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

/**
 * An HR file full of hostile content, end to end through {@code tenure apply}: every row ends in a
 * correct account or in a message naming file, line and column, and the good rows go on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputCliIT {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);

  private Path folder;
  private InMemoryDirectory directory;
  private Path config;

  @BeforeAll
  void setUp() throws Exception {
    folder = Files.createTempDirectory("tenure-hostile-it");
    directory = InMemoryDirectory.start("secret");
    Files.writeString(
        folder.resolve("people.csv"),
        String.join(
            "\n",
            "employee_id,first_name,last_name,department,status,hire_date,end_date",
            "1001,John,Smith,Engineering,active,2026-01-05,",
            "1002,John,Smith,Sales,active,2026-01-05,",
            "1003,Zoë,Ñúñez,Sales,active,2026-01-05,",
            "1004,小龍,李,Sales,active,2026-01-05,",
            "1005,Robert,\"Smith, Jr.\",Sales,active,2026-01-05,",
            "1006,\"Dwayne \"\"The Rock\"\"\",O'Brien,Sales,active,2026-01-05,",
            "1007,*)(uid=*,(cn=*),Sales,active,2026-01-05,",
            "1001,Jane,Duplicate,Sales,active,2026-01-05,",
            "1009,Bad,Date,Sales,active,2026-02-30,",
            "1010,Other,Format,Sales,active,31/12/2026,",
            "1011,,Nameless,Sales,active,2026-01-05,",
            "1012,Short,Row,Sales",
            ""),
        StandardCharsets.UTF_8);
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
            requiredAttributes: [employeeId, givenName, familyName]
            lifecycle: { status: status, startDate: hire_date, endDate: end_date }
        targets:
          directory:
            type: ldap
            url: %s
            bindDn: %s
            password: ${env:LDAP_PASSWORD}
            accounts: { base: "%s" }
            groups: { base: "%s" }
            username: initial(givenName) + familyName
            attributes: { cn: "givenName + ' ' + familyName", sn: familyName }
        roles:
          staff: { entitlements: { directory: [staff] } }
        rules:
          - { name: everyone, when: "true", grant: [staff] }
        """
            .formatted(
                directory.url(),
                InMemoryDirectory.ADMIN,
                InMemoryDirectory.PEOPLE,
                InMemoryDirectory.GROUPS));
  }

  @AfterAll
  void tearDown() throws Exception {
    directory.close();
    FileSystemUtils.deleteRecursively(folder);
  }

  @Test
  void everyHostileRowEndsInACorrectAccountOrAMessageNamingFileLineAndColumn() throws Exception {
    CliRun applied =
        CliRun.run(
            new TenureHome(folder.resolve("home")),
            CLOCK,
            Terminal.none(),
            UnaryOperator.identity(),
            "--config",
            config.toString(),
            "apply",
            "--yes");
    assertThat(applied.out)
        .as(applied.toString())
        .contains("people.csv:9: column employee_id: ")
        .contains("people.csv:10: column hire_date: ")
        .contains("people.csv:11: column hire_date: ")
        .contains("people.csv:12: column first_name: ")
        .contains("people.csv:13: ")
        .contains("12 rows: 7 new, 0 changed, 0 unchanged, 5 rejected");
    assertThat(cn("jsmith")).isEqualTo("John Smith");
    assertThat(cn("jsmith2")).isEqualTo("John Smith");
    assertThat(cn("znunez")).isEqualTo("Zoë Ñúñez");
    assertThat(cn("u1004")).isEqualTo("小龍 李");
    assertThat(cn("rsmithjr")).isEqualTo("Robert Smith, Jr.");
    assertThat(cn("dobrien")).isEqualTo("Dwayne \"The Rock\" O'Brien");
    assertThat(cn("ucn")).isEqualTo("*)(uid=* (cn=*)");
    assertThat(
            directory
                .directoryServer()
                .search(InMemoryDirectory.PEOPLE, SearchScope.ONE, Filter.create("(uid=*)"))
                .getEntryCount())
        .as("exactly the seven good rows have accounts")
        .isEqualTo(7);
  }

  private String cn(String uid) throws Exception {
    var entry = directory.directoryServer().getEntry("uid=" + uid + "," + InMemoryDirectory.PEOPLE);
    assertThat(entry).as("account " + uid).isNotNull();
    return entry.getAttributeValue("cn");
  }
}
