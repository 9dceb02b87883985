package io.tenure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.tenure.cli.demo.DirectoryView;
import io.tenure.cli.demo.DirectoryView.AccountView;
import io.tenure.engine.configuration.TenureHome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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

/**
 * Several sources, one identity store, two kinds of target, through the CLI: an HR table in the
 * machine's PostgreSQL (read by a watermark), a contractor CSV from a "CRM", and the mail system's
 * directory on the shared OpenLDAP giving e-mail addresses by authority. Joiners, movers and
 * leavers of each source reach the OpenLDAP directory and a ConnId CSV-dir target (the real
 * bundle); a source that fails or shrinks deprovisions nobody; the plan's reasons name the source
 * and record of what they depend on; disagreements between sources are reported, never flapped.
 * Everything lives in a scratch database, a fresh organisational unit and a temporary folder,
 * removed at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReachStoryIT {

  private static final String LDAP_URL =
      System.getProperty("tenure.it.ldap.url", "ldap://127.0.0.1:3389");
  private static final String ADMIN = "cn=admin,dc=example,dc=com";
  private static final String PASSWORD = "secret";
  private static final String POSTGRES_ADMIN =
      System.getProperty("tenure.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
  private static final String POSTGRES_USER =
      System.getProperty("tenure.it.postgres.username", "postgres");
  private static final Path BUNDLES =
      Path.of(System.getProperty("tenure.connid.bundles", "target/connid-bundles"));
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String unit = "ou=reach-" + suffix + ",dc=example,dc=com";
  private final String database = "tenure_reach_" + suffix.toLowerCase(Locale.ROOT);
  private Path folder;
  private Path config;
  private TenureHome home;
  private DirectoryView directory;

  @BeforeAll
  void setUp() throws Exception {
    folder = Files.createTempDirectory("tenure-reach");
    home = new TenureHome(folder.resolve("home"));
    try (LDAPConnection connection = ldap()) {
      connection.add("dn: " + unit, "objectClass: organizationalUnit", "ou: reach-" + suffix);
      for (String ou : List.of("people", "groups", "mail")) {
        connection.add("dn: ou=" + ou + "," + unit, "objectClass: organizationalUnit", "ou: " + ou);
      }
      mailbox(connection, "ada", "E1", "ada.lovelace@example.com");
      mailbox(connection, "bob", "E2", "bob.baker@example.com");
      mailbox(connection, "ghost", "E9", "ghost@example.com");
    }
    adminSql("CREATE DATABASE " + database);
    hrSql(
        "CREATE TABLE hr_people (employee_id TEXT, first_name TEXT, last_name TEXT, email TEXT,"
            + " department TEXT, status TEXT, hire_date DATE, termination_date DATE,"
            + " updated_at TIMESTAMP)",
        "INSERT INTO hr_people VALUES"
            + " ('E1', 'Ada', 'Lovelace', 'ada@example.com', 'Engineering', 'active',"
            + " '2024-01-15', NULL, '2026-03-01 08:00:01'),"
            + " ('E2', 'Bob', 'Baker', 'bob@example.com', 'Sales', 'active', '2023-05-02', NULL,"
            + " '2026-03-01 08:00:02'),"
            + " ('E3', 'Cleo', 'Cole', 'cleo@example.com', 'Engineering', 'active', '2025-02-03',"
            + " NULL, '2026-03-01 08:00:03')");
    Files.createDirectories(folder.resolve("crm"));
    contractors(
        "C1,Carla,Carter,carla@partner.example,Support,active,2026-01-05,",
        "C2,Ada,Lovelace,ada@example.com,Marketing,active,2025-06-01,");
    Path badges = Files.createDirectories(folder.resolve("badges"));
    Files.writeString(badges.resolve("accounts.csv"), "uid,cn,mail,enabled,groups\n");
    config = folder.resolve("tenure.yaml");
    Files.writeString(config, configuration(badges));
    directory =
        new DirectoryView(
            LDAP_URL,
            ADMIN,
            PASSWORD,
            "ou=people," + unit,
            "ou=groups," + unit,
            "pwdAccountLockedTime");
  }

  @AfterAll
  void tearDown() throws Exception {
    try (LDAPConnection connection = ldap()) {
      List<DN> entries = new ArrayList<>();
      for (SearchResultEntry entry :
          connection
              .search(unit, SearchScope.SUB, Filter.createPresenceFilter("objectClass"), "1.1")
              .getSearchEntries()) {
        entries.add(entry.getParsedDN());
      }
      entries.sort(Comparator.comparingInt((DN entry) -> entry.getRDNs().length).reversed());
      for (DN entry : entries) {
        connection.delete(entry.toString());
      }
    }
    adminSql("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    FileSystemUtils.deleteRecursively(folder);
  }

  private String configuration(Path badges) {
    return """
        sources:
          hr:
            type: jdbc
            url: jdbc:postgresql://127.0.0.1:5432/%s?user=%s
            table: hr_people
            watermark: updated_at
            key: employeeId
            fallbackKeys: [email]
            attributes:
              employeeId: employee_id
              givenName: first_name
              familyName: last_name
              email: email
              department: department
              employmentType: "'employee'"
            lifecycle: { status: status, startDate: hire_date, endDate: termination_date }
          crm:
            file: crm/contractors.csv
            key: contractorId
            fallbackKeys: [email]
            attributes:
              contractorId: contractor_id
              givenName: first_name
              familyName: last_name
              email: email
              department: department
              employmentType: "'contractor'"
            lifecycle: { status: status, startDate: start_date, endDate: end_date }
          mail:
            type: ldap
            url: %s
            bindDn: cn=admin,dc=example,dc=com
            password: ${env:LDAP_PASSWORD}
            base: "ou=mail,%s"
            filter: (objectClass=inetOrgPerson)
            key: employeeId
            unmatched: report
            attributes: { employeeId: employeeNumber, email: mail }
        authority:
          email: [mail, hr, crm]
        targets:
          directory:
            type: ldap
            url: %s
            bindDn: cn=admin,dc=example,dc=com
            password: ${env:LDAP_PASSWORD}
            accounts: { base: "ou=people,%s", rdn: uid }
            groups: { base: "ou=groups,%s" }
            disable: { attribute: pwdAccountLockedTime, value: "000001010000Z" }
            username: initial(givenName) + familyName
            attributes: { cn: "givenName + ' ' + familyName", sn: familyName, mail: email }
            guard: { maxDisablePercent: 50 }   # four people: the story's two leavers are no mass change
          badges:
            type: connid
            username: initial(givenName) + familyName
            bundle: { path: "%s", name: net.tirasa.connid.bundles.csvdir }
            configuration:
              sourcePath: "%s"
              fileMask: 'accounts\\.csv'
              encoding: UTF-8
              keyColumnNames: [uid]
              fields: [uid, cn, mail, enabled, groups]
              statusColumn: enabled
              multivalueSeparator: "^"
              keyseparator: "\\uE000"
            entitlements: { style: attribute, attribute: groups }
            values: { joinWith: "^", rejectCharacters: "'\\uE000", rejectSurroundingSpaces: true }
            concurrency: 1
            guard: { maxDisablePercent: 50 }
            attributes: { cn: "givenName + ' ' + familyName", mail: email }
        roles:
          staff:       { entitlements: { directory: [staff], badges: [building] } }
          contractors: { entitlements: { directory: [contractors], badges: [building] } }
          sales:       { entitlements: { directory: [sales] } }
          engineering: { entitlements: { directory: [engineering], badges: [lab] } }
        rules:
          - { name: employees, when: "employmentType == 'employee'", grant: [staff] }
          - { name: contractors, when: "employmentType == 'contractor'", grant: [contractors] }
          - { name: sales-birthright, when: "department == 'Sales'", grant: [sales] }
          - { name: engineering-birthright, when: "department == 'Engineering'", grant: [engineering] }
        """
        .formatted(
            database,
            POSTGRES_USER,
            LDAP_URL,
            unit,
            LDAP_URL,
            unit,
            unit,
            BUNDLES.toAbsolutePath(),
            badges);
  }

  @Test
  @Order(1)
  void joinersFromEverySourceGetAccountsAndEmailComesFromTheMailSystem() throws Exception {
    CliRun imported = tenure("import");

    assertThat(imported.exitCode).as(imported.toString()).isZero();
    assertThat(imported.out)
        .contains("hr: hr_people: 3 rows: 3 new")
        .contains("crm: contractors.csv: 2 rows: 1 new, 1 changed")
        .contains("2 new disagreements between sources")
        .contains("mail: ou=mail," + unit + ": 3 rows: 0 new, 2 changed")
        .contains("1 unmatched, 3 new disagreements")
        .contains("1 unmatched")
        .contains("uid=ghost,ou=mail," + unit + ": no identity matches")
        .contains("department Sales from hr (hr_people:E2)")
        .contains("from crm record contractors.csv:2");
    assertThat(account("alovelace")).hasValueSatisfying(enabledIn("engineering", "staff"));
    assertThat(account("bbaker")).hasValueSatisfying(enabledIn("sales", "staff"));
    assertThat(account("ccole")).hasValueSatisfying(enabledIn("engineering", "staff"));
    assertThat(account("ccarter")).hasValueSatisfying(enabledIn("contractors"));
    assertThat(mail("alovelace")).isEqualTo("ada.lovelace@example.com");
    assertThat(mail("ccole"))
        .as("the mail system does not know Cleo")
        .isEqualTo("cleo@example.com");
    assertThat(mail("ccarter")).isEqualTo("carla@partner.example");
    assertThat(badges())
        .containsEntry("alovelace", "ada.lovelace@example.com,true,building^lab")
        .containsEntry("bbaker", "bob.baker@example.com,true,building")
        .containsEntry("ccarter", "carla@partner.example,true,building")
        .hasSize(4);
  }

  @Test
  @Order(2)
  void moversFromEachSourceMoveTheirAccess() throws Exception {
    hrSql(
        "UPDATE hr_people SET department = 'Engineering', updated_at = '2026-03-02 07:00:00'"
            + " WHERE employee_id = 'E2'");
    contractors(
        "C1,Carla,Carter,carla@partner.example,Sales,active,2026-01-05,",
        "C2,Ada,Lovelace,ada@example.com,Marketing,active,2025-06-01,");
    try (LDAPConnection connection = ldap()) {
      connection.modify(
          "uid=bob,ou=mail," + unit,
          new com.unboundid.ldap.sdk.Modification(
              com.unboundid.ldap.sdk.ModificationType.REPLACE, "mail", "robert.baker@example.com"));
    }

    CliRun imported = tenure("import");

    assertThat(imported.exitCode).as(imported.toString()).isZero();
    assertThat(imported.out)
        .as("the HR table is read from its watermark: the boundary row and the changed one")
        .contains("hr: hr_people: 2 rows: 0 new, 1 changed")
        .contains("department Sales from crm (contractors.csv:2)")
        .contains(
            "from lifecycle ACTIVE, from hr record hr_people:E2, from email"
                + " robert.baker@example.com from mail (uid=bob,ou=mail,"
                + unit
                + ")");
    assertThat(account("bbaker")).hasValueSatisfying(enabledIn("engineering", "staff"));
    assertThat(mail("bbaker")).isEqualTo("robert.baker@example.com");
    assertThat(account("ccarter")).hasValueSatisfying(enabledIn("contractors", "sales"));
    assertThat(account("alovelace"))
        .as("the CRM's department for Ada is outranked by HR's: no flapping")
        .hasValueSatisfying(enabledIn("engineering", "staff"));
    assertThat(badges()).containsEntry("bbaker", "robert.baker@example.com,true,building^lab");
  }

  @Test
  @Order(3)
  void leaversFromEachSourceAreDisabledEverywhere() throws Exception {
    hrSql(
        "UPDATE hr_people SET status = 'terminated', termination_date = '2026-02-27',"
            + " updated_at = '2026-03-02 07:30:00' WHERE employee_id = 'E3'");
    contractors(
        "C1,Carla,Carter,carla@partner.example,Sales,terminated,2026-01-05,2026-02-27",
        "C2,Ada,Lovelace,ada@example.com,Marketing,terminated,2025-06-01,2026-02-27");

    CliRun hr = tenure("import", "--source", "hr");
    CliRun crm = tenure("import", "--source", "crm");

    assertThat(hr.exitCode).as(hr.toString()).isZero();
    assertThat(crm.exitCode).as(crm.toString()).isZero();
    assertThat(hr.out).contains("from hr record hr_people:E3");
    assertThat(account("ccole")).hasValueSatisfying(disabledWithoutGroups());
    assertThat(account("ccarter")).hasValueSatisfying(disabledWithoutGroups());
    assertThat(account("alovelace"))
        .as("the CRM ending Ada's contract does not end her employment: HR decides it")
        .hasValueSatisfying(enabledIn("engineering", "staff"));
    assertThat(badges())
        .containsEntry("ccole", "cleo@example.com,false,")
        .containsEntry("ccarter", "carla@partner.example,false,")
        .containsEntry("alovelace", "ada.lovelace@example.com,true,building^lab");
  }

  @Test
  @Order(4)
  void aSourceThatFailsOrShrinksDeprovisionsNobody() throws Exception {
    contractors();
    CliRun emptyCrm = tenure("import", "--source", "crm");
    hrSql("ALTER TABLE hr_people RENAME TO hr_people_gone");
    CliRun brokenHr = tenure("import", "--source", "hr");
    CliRun wrongFile = tenure("import", "--source", "hr", "--file", "people.csv");

    assertThat(emptyCrm.exitCode).as("done, with a warning: %s", emptyCrm).isEqualTo(3);
    assertThat(emptyCrm.out).contains("crm: contractors.csv: 0 rows").contains("nothing to do");
    assertThat(emptyCrm.err)
        .contains("2 known people are missing from contractors.csv")
        .contains("nobody is deprovisioned for it");
    assertThat(brokenHr.exitCode).as(brokenHr.toString()).isEqualTo(1);
    assertThat(brokenHr.out)
        .contains("hr: hr_people was refused")
        .contains("table hr_people: column updated_at: the watermark column cannot be read")
        .contains("\"hr_people\" does not exist");
    assertThat(wrongFile.exitCode).as(wrongFile.toString()).isEqualTo(2);
    assertThat(wrongFile.err).contains("source 'hr' reads table hr_people");
    assertThat(account("alovelace")).hasValueSatisfying(enabledIn("engineering", "staff"));
    assertThat(account("bbaker")).hasValueSatisfying(enabledIn("engineering", "staff"));
    hrSql("ALTER TABLE hr_people_gone RENAME TO hr_people");
  }

  @Test
  @Order(5)
  void disagreementsBetweenSourcesAreReported() {
    CliRun report = tenure("disagreements", "--attribute", "department");

    assertThat(report.exitCode).as(report.toString()).isZero();
    assertThat(report.out)
        .contains("1 disagreement between sources")
        .contains("department: hr says Engineering, crm says Marketing (kept: hr)");
  }

  private CliRun tenure(String... arguments) {
    String[] withConfig = new String[arguments.length + 2];
    withConfig[0] = "--config";
    withConfig[1] = config.toString();
    System.arraycopy(arguments, 0, withConfig, 2, arguments.length);
    return CliRun.run(home, CLOCK, Terminal.none(), UnaryOperator.identity(), withConfig);
  }

  private Optional<AccountView> account(String uid) {
    return directory.account(uid);
  }

  private static java.util.function.Consumer<AccountView> enabledIn(String... groups) {
    return view -> {
      assertThat(view.enabled()).as(view.uid() + " enabled").isTrue();
      assertThat(view.groups()).as(view.uid() + " groups").containsExactlyInAnyOrder(groups);
    };
  }

  private static java.util.function.Consumer<AccountView> disabledWithoutGroups() {
    return view -> {
      assertThat(view.enabled()).as(view.uid() + " enabled").isFalse();
      assertThat(view.groups()).as(view.uid() + " groups").isEmpty();
    };
  }

  private String mail(String uid) throws Exception {
    try (LDAPConnection connection = ldap()) {
      return connection
          .getEntry("uid=" + uid + ",ou=people," + unit, "mail")
          .getAttributeValue("mail");
    }
  }

  /** The badge system's accounts: uid to the rest of its row. */
  private Map<String, String> badges() throws Exception {
    Map<String, String> rows = new TreeMap<>();
    List<String> lines =
        Files.readAllLines(folder.resolve("badges/accounts.csv"), StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      rows.put(
          unquote(cells[0]), unquote(cells[2]) + "," + unquote(cells[3]) + "," + unquote(cells[4]));
    }
    return rows;
  }

  private static String unquote(String cell) {
    return cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"")
        ? cell.substring(1, cell.length() - 1)
        : cell;
  }

  private void contractors(String... rows) throws Exception {
    StringBuilder text =
        new StringBuilder(
            "contractor_id,first_name,last_name,email,department,status,start_date,end_date\n");
    for (String row : rows) {
      text.append(row).append('\n');
    }
    Files.writeString(folder.resolve("crm/contractors.csv"), text);
  }

  private void mailbox(LDAPConnection connection, String uid, String employeeId, String mail)
      throws Exception {
    connection.add(
        "dn: uid=" + uid + ",ou=mail," + unit,
        "objectClass: inetOrgPerson",
        "uid: " + uid,
        "cn: " + uid,
        "sn: " + uid,
        "employeeNumber: " + employeeId,
        "mail: " + mail);
  }

  private static LDAPConnection ldap() throws Exception {
    LDAPURL url = new LDAPURL(LDAP_URL);
    return new LDAPConnection(url.getHost(), url.getPort(), ADMIN, PASSWORD);
  }

  private static void adminSql(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(POSTGRES_ADMIN, POSTGRES_USER, "");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private void hrSql(String... statements) throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/" + database, POSTGRES_USER, "");
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
