package io.tenure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.tenure.engine.configuration.TenureHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
 * Tenure never takes over or changes what is not its own, on the real OpenLDAP, through the CLI,
 * with a configuration that says nothing about reconciliation (the defaults): a locked {@code
 * uid=jsmith} (a former administrator, with a password, member of the hand-made {@code
 * domain-admins}) exists, a hand-made service account {@code svc-backup} too, and the HR file has
 * one new hire, John Smith. {@code apply} gives him {@code jsmith2} and leaves the old entry as it
 * was; a returning person whose entry carries her employee number gets that entry back. Then a
 * hand-made group {@code ops-oncall} gets a managed user as its only member, and {@code reconcile
 * --policy fix} links nothing by name, locks no service account, and neither empties nor deletes
 * the hand-made group.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OwnershipIT {

  private static final String LDAP_URL =
      System.getProperty("tenure.it.ldap.url", "ldap://127.0.0.1:3389");
  private static final String ADMIN = "cn=admin,dc=example,dc=com";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String OLD_PASSWORD = "former-admin-" + UUID.randomUUID();

  private final String unit =
      "ou=ownership-" + UUID.randomUUID().toString().substring(0, 8) + ",dc=example,dc=com";
  private Path folder;
  private TenureHome home;
  private Path config;

  @BeforeAll
  void setUp() throws Exception {
    folder = Files.createTempDirectory("tenure-ownership-it");
    home = new TenureHome(folder.resolve("home"));
    try (LDAPConnection connection = admin()) {
      connection.add(
          "dn: " + unit,
          "objectClass: organizationalUnit",
          "ou: " + unit.substring(3, unit.indexOf(',')));
      connection.add("dn: " + people(), "objectClass: organizationalUnit", "ou: people");
      connection.add("dn: " + groups(), "objectClass: organizationalUnit", "ou: groups");
      connection.add(
          "dn: uid=jsmith," + people(),
          "objectClass: inetOrgPerson",
          "uid: jsmith",
          "cn: Jack Smith",
          "sn: Smith",
          "employeeNumber: E0001",
          "userPassword: " + OLD_PASSWORD,
          "pwdAccountLockedTime: 000001010000Z");
      connection.add(
          "dn: cn=domain-admins," + groups(),
          "objectClass: groupOfNames",
          "cn: domain-admins",
          "member: uid=jsmith," + people());
      connection.add(
          "dn: uid=svc-backup," + people(),
          "objectClass: inetOrgPerson",
          "uid: svc-backup",
          "cn: Backup service",
          "sn: Service");
      connection.add(
          "dn: uid=mmoss," + people(),
          "objectClass: inetOrgPerson",
          "uid: mmoss",
          "cn: Mia Moss-Old",
          "sn: Moss",
          "employeeNumber: E2000",
          "pwdAccountLockedTime: 000001010000Z");
    }
    Files.createDirectories(folder.resolve("hr"));
    Files.writeString(
        folder.resolve("hr/people.csv"),
        "employee_id,first_name,last_name,status,hire_date\n"
            + "E1234,John,Smith,active,2026-01-05\n"
            + "E2000,Mia,Moss,active,2026-01-05\n");
    config = folder.resolve("tenure.yaml");
    Files.writeString(
        config,
        """
        sources:
          hr:
            file: hr/people.csv
            key: employeeId
            attributes: { employeeId: employee_id, givenName: first_name, familyName: last_name }
            lifecycle: { status: status, startDate: hire_date }
        targets:
          directory:
            type: ldap
            url: %s
            bindDn: %s
            password: ${env:LDAP_PASSWORD}
            accounts: { base: "%s", rdn: uid }
            groups: { base: "%s" }
            disable: { attribute: pwdAccountLockedTime, value: "000001010000Z" }
            username: initial(givenName) + familyName
            attributes:
              cn: "givenName + ' ' + familyName"
              sn: familyName
              employeeNumber: employeeId
        roles:
          staff: { entitlements: { directory: [staff] } }
        rules:
          - { name: everyone, when: "true", grant: [staff] }
        """
            .formatted(LDAP_URL, ADMIN, people(), groups()));
  }

  @AfterAll
  void tearDown() throws Exception {
    try (LDAPConnection connection = admin()) {
      io.tenure.server.guard.LdapUnit.deleteSubtree(connection, unit);
    }
    FileSystemUtils.deleteRecursively(folder);
  }

  @Test
  @Order(1)
  void aNewHireNeverInheritsAnAccountThatIsNotHisAndAReturningPersonGetsHersBack()
      throws Exception {
    CliRun plan = tenure("plan");
    assertThat(plan.exitCode).as(plan.toString()).isZero();
    assertThat(plan.out)
        .as(plan.toString())
        .contains("create directory/jsmith2")
        .doesNotContain("create directory/jsmith ")
        .contains("create directory/mmoss");

    CliRun applied = tenure("apply", "--yes");
    assertThat(applied.exitCode).as(applied.toString()).isZero();

    SearchResultEntry old = entry("jsmith");
    assertThat(old.getAttributeValue("cn")).isEqualTo("Jack Smith");
    assertThat(old.getAttributeValue("employeeNumber")).isEqualTo("E0001");
    assertThat(old.hasAttribute("pwdAccountLockedTime")).as("still locked").isTrue();
    assertThat(old.getAttributeValue("userPassword")).isEqualTo(OLD_PASSWORD);
    assertThat(members("domain-admins")).containsExactly("uid=jsmith," + people());

    SearchResultEntry john = entry("jsmith2");
    assertThat(john.getAttributeValue("cn")).isEqualTo("John Smith");
    assertThat(john.getAttributeValue("employeeNumber")).isEqualTo("E1234");
    assertThat(john.hasAttribute("pwdAccountLockedTime")).isFalse();
    assertThat(john.hasAttribute("userPassword")).isFalse();
    assertThat(members("staff"))
        .containsExactlyInAnyOrder("uid=jsmith2," + people(), "uid=mmoss," + people());

    SearchResultEntry mia = entry("mmoss");
    assertThat(mia.getAttributeValue("cn"))
        .as("her own entry (employeeNumber E2000), converged")
        .isEqualTo("Mia Moss");
    assertThat(mia.hasAttribute("pwdAccountLockedTime")).isFalse();
    CliRun audit = tenure("audit", "--subject", "directory/mmoss", "--format", "json");
    assertThat(audit.out)
        .as(audit.toString())
        .contains("linked the existing account uid=mmoss")
        .contains("its employeeNumber 'E2000' identifies the person");

    CliRun again = tenure("plan");
    assertThat(again.out).as(again.toString()).contains("nothing to do");
  }

  @Test
  @Order(2)
  void reconcilingWithTheDefaultsLinksNothingByNameLocksNoServiceAccountKeepsHandMadeGroups()
      throws Exception {
    try (LDAPConnection connection = admin()) {
      connection.add(
          "dn: cn=ops-oncall," + groups(),
          "objectClass: groupOfNames",
          "cn: ops-oncall",
          "description: the on-call rota",
          "member: uid=jsmith2," + people());
    }

    CliRun fixed = tenure("reconcile", "directory", "--policy", "fix", "--format", "json");
    assertThat(fixed.exitCode).as(fixed.toString()).isZero();
    JsonNode report = JSON.readTree(fixed.out);
    JsonNode counts = report.get("counts");
    assertThat(counts.get("ORPHAN").asInt()).as(report.toString()).isEqualTo(2);
    assertThat(counts.get("COMPLIANT").asInt()).as(report.toString()).isEqualTo(2);
    assertThat(counts.get("DRIFTED").asInt()).as(report.toString()).isZero();
    assertThat(report.get("linked").asInt()).isZero();

    assertThat(entry("svc-backup").hasAttribute("pwdAccountLockedTime"))
        .as("the service account is reported, not locked")
        .isFalse();
    assertThat(entry("jsmith").getAttributeValue("cn")).isEqualTo("Jack Smith");
    assertThat(members("domain-admins")).containsExactly("uid=jsmith," + people());
    assertThat(members("ops-oncall")).containsExactly("uid=jsmith2," + people());
    try (LDAPConnection connection = admin()) {
      assertThat(
              connection
                  .getEntry("cn=ops-oncall," + groups(), "description")
                  .getAttributeValue("description"))
          .isEqualTo("the on-call rota");
    }

    CliRun findings = tenure("findings", "--format", "csv");
    assertThat(findings.out)
        .as(findings.toString())
        .contains("directory,jsmith,ORPHAN,")
        .contains("directory,svc-backup,ORPHAN,");
  }

  // ---- helpers ---------------------------------------------------------------------------

  private String people() {
    return "ou=people," + unit;
  }

  private String groups() {
    return "ou=groups," + unit;
  }

  private CliRun tenure(String... arguments) {
    String[] withConfig = new String[arguments.length + 2];
    withConfig[0] = "--config";
    withConfig[1] = config.toString();
    System.arraycopy(arguments, 0, withConfig, 2, arguments.length);
    return CliRun.run(home, CLOCK, Terminal.none(), UnaryOperator.identity(), withConfig);
  }

  private SearchResultEntry entry(String uid) throws Exception {
    try (LDAPConnection connection = admin()) {
      return connection.getEntry(
          "uid=" + uid + "," + people(), "*", "pwdAccountLockedTime", "userPassword");
    }
  }

  private List<String> members(String group) throws Exception {
    try (LDAPConnection connection = admin()) {
      SearchResultEntry entry = connection.getEntry("cn=" + group + "," + groups());
      return entry == null ? List.of() : List.of(entry.getAttributeValues("member"));
    }
  }

  private static LDAPConnection admin() throws Exception {
    LDAPURL url = new LDAPURL(LDAP_URL);
    return new LDAPConnection(url.getHost(), url.getPort(), ADMIN, "secret");
  }
}
