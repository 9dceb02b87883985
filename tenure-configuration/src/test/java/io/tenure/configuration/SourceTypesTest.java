package io.tenure.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.core.source.AttributeAuthority;
import io.tenure.engine.configuration.JdbcSourceSettings;
import io.tenure.engine.configuration.LdapSourceSettings;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.configuration.TenureConfiguration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code sources} of every type, their schedules, {@code unmatched} and their problems. */
class SourceTypesTest {

  private final YamlConfigurationLoader loader =
      new YamlConfigurationLoader(Map.of("HR_DB_PASSWORD", "db-secret")::get, Set.of());

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

  private static final String THREE_SOURCES =
      """
      sources:
        hr:
          type: jdbc
          url: jdbc:postgresql://127.0.0.1:5432/hr
          username: tenure
          password: ${env:HR_DB_PASSWORD}
          table: hr.people
          watermark: updated_at
          schedule: "0 */15 * * * *"
          key: employeeId
          attributes: { employeeId: employee_id, department: department }
          lifecycle: { status: status, startDate: hire_date }
        crm:
          file: crm/contractors.csv
          key: contractorId
          fallbackKeys: [email]
          attributes: { contractorId: contractor_id, email: email }
          lifecycle: { status: state, startDate: since }
        mail:
          type: ldap
          url: ldap://127.0.0.1:3389
          bindDn: cn=admin,dc=example,dc=com
          password: secret
          base: ou=mail,dc=example,dc=com
          filter: (objectClass=inetOrgPerson)
          key: employeeId
          unmatched: report
          attributes: { employeeId: employeeNumber, email: mail }
      authority:
        email: mail
        lifecycle: [hr, crm]
      """;

  @Test
  void everySourceTypeLoadsWithItsSettings() {
    TenureConfiguration configuration = parse(THREE_SOURCES);

    SourceDefinition hr = configuration.source("hr").orElseThrow();
    assertThat(hr.connection())
        .isEqualTo(
            new JdbcSourceSettings(
                "jdbc:postgresql://127.0.0.1:5432/hr",
                "tenure",
                "db-secret",
                "hr.people",
                "updated_at"));
    assertThat(hr.connection().toString()).doesNotContain("db-secret");
    assertThat(hr.cronSchedule()).contains("0 */15 * * * *");
    assertThat(hr.origin()).isEqualTo("hr.people");
    assertThat(hr.isFile()).isFalse();

    SourceDefinition crm = configuration.source("crm").orElseThrow();
    assertThat(crm.type()).isEqualTo("csv");
    assertThat(crm.file()).isEqualTo(Path.of("/etc/tenure/crm/contractors.csv"));
    assertThat(crm.createsIdentities()).isTrue();

    SourceDefinition mail = configuration.source("mail").orElseThrow();
    assertThat(mail.connection())
        .isEqualTo(
            new LdapSourceSettings(
                "ldap://127.0.0.1:3389",
                "cn=admin,dc=example,dc=com",
                "secret",
                "ou=mail,dc=example,dc=com",
                "(objectClass=inetOrgPerson)"));
    assertThat(mail.lifecycle()).isNull();
    assertThat(mail.createsIdentities()).isFalse();

    AttributeAuthority authority = configuration.attributeAuthority();
    assertThat(authority.order("email")).startsWith("mail", "hr", "crm");
    assertThat(authority.order(AttributeAuthority.LIFECYCLE))
        .as("a source without lifecycle columns never decides employment before one with them")
        .startsWith("hr", "crm", "scim");
  }

  @Test
  void maxRejectedShareIsAShareOrAPercentage() {
    String yaml =
        """
        sources:
          hr:
            file: people.csv
            key: employeeId
            maxRejectedShare: %s
            attributes: { employeeId: employee_id }
        """;
    assertThat(parse(yaml.formatted("20%")).sources().get(0).maxRejectedShare()).isEqualTo(0.2);
    assertThat(parse(yaml.formatted("0.5")).sources().get(0).maxRejectedShare()).isEqualTo(0.5);
    assertThat(parse(yaml.formatted("1")).sources().get(0).maxRejectedShare()).isEqualTo(1.0);
    assertThat(problems(yaml.formatted("lots")))
        .containsExactly(
            "tenure.yaml:5:23: sources.hr.maxRejectedShare: \"lots\" is not a share between 0 and"
                + " 1 (such as 0.2) or a percentage (20%)");
  }

  @Test
  void problemsOfTheNewKeysAreNamedByLineColumnAndKey() {
    assertThat(
            problems(
                """
                sources:
                  hr:
                    type: jdbc
                    url: postgresql://127.0.0.1/hr
                    table: "people; drop table x"
                    watermark: updated-at
                    file: people.csv
                    schedule: every hour
                    unmatched: ignore
                    key: employeeId
                    attributes: { employeeId: employee_id }
                  dir:
                    type: ldap
                    url: ldap://127.0.0.1:3389
                    filter: uid=*
                    key: employeeId
                    attributes: { employeeId: employeeNumber }
                  feed:
                    type: kafka
                    key: employeeId
                    attributes: { employeeId: id }
                """))
        .containsExactlyInAnyOrder(
            "tenure.yaml:4:10: sources.hr.url: \"postgresql://127.0.0.1/hr\" is not a JDBC URL"
                + " such as jdbc:postgresql://host/db",
            "tenure.yaml:5:12: sources.hr.table: \"people; drop table x\" is not a table name"
                + " (letters, digits and _, optionally schema.table)",
            "tenure.yaml:6:16: sources.hr.watermark: \"updated-at\" is not a column name (letters,"
                + " digits, _)",
            "tenure.yaml:7:5: sources.hr.file: unknown key; expected one of [attributes,"
                + " fallbackKeys, key, lifecycle, maxRejectedShare, password, requiredAttributes, schedule, table,"
                + " type, unmatched, url, username, watermark]",
            "tenure.yaml:8:15: sources.hr.schedule: \"every hour\" is not a cron expression with"
                + " six fields (second minute hour day-of-month month day-of-week) such as"
                + " \"0 */15 * * * *\"",
            "tenure.yaml:9:16: sources.hr.unmatched: \"ignore\" is not one of create, report",
            "tenure.yaml:13:5: sources.dir.base: is required",
            "tenure.yaml:15:13: sources.dir.filter: \"uid=*\" is not an LDAP filter such as"
                + " (objectClass=inetOrgPerson)",
            "tenure.yaml:19:11: sources.feed.type: \"kafka\" is not a source type Tenure knows"
                + " [csv, jdbc, ldap]");
  }

  @Test
  void aSourceWithoutLifecycleColumnsCannotDecideEmployment() {
    assertThat(problems(THREE_SOURCES.replace("lifecycle: [hr, crm]", "lifecycle: [mail, hr]")))
        .containsExactly(
            "tenure.yaml:31:14: authority.lifecycle: \"mail\" reports no employment (the source"
                + " has no lifecycle columns)");
  }
}
