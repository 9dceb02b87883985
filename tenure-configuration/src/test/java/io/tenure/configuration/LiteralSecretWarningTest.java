package io.tenure.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A password written into tenure.yaml loads, with a warning naming its place; a reference does not.
 */
class LiteralSecretWarningTest {

  private static final String FILE =
      """
      sources:
        hr:
          file: people.csv
          key: employeeId
          attributes: { employeeId: employee_id }
          lifecycle: { status: status, startDate: hire_date }
      targets:
        directory:
          type: ldap
          url: ldap://127.0.0.1:389
          bindDn: cn=admin,dc=example,dc=com
          password: %s
          accounts: { base: "ou=people,dc=example,dc=com" }
          username: "'u'"
      """;

  private List<String> warningsOf(String password) {
    List<String> warnings = new ArrayList<>();
    new YamlConfigurationLoader(Map.of("LDAP_PASSWORD", "from-the-environment")::get, Set.of())
        .reportingWarningsTo(warnings::add)
        .parse(FILE.formatted(password), "tenure.yaml", Path.of("/etc/tenure"));
    return warnings;
  }

  @Test
  void aLiteralPasswordIsWarnedAboutWithItsPlaceAndNeverItsValue() {
    List<String> warnings = warningsOf("Hunter2-secret");
    assertThat(warnings)
        .singleElement()
        .asString()
        .startsWith("tenure.yaml:12:15: targets.directory.password: a literal secret")
        .contains("${env:NAME}")
        .doesNotContain("Hunter2-secret");
  }

  @Test
  void aReferenceIsNotWarnedAbout() {
    assertThat(warningsOf("${env:LDAP_PASSWORD}")).isEmpty();
    assertThat(warningsOf("${file:ldap-password.txt}")).isEmpty();
  }

  @Test
  void onlyKeysThatNameASecretHoldOne() {
    assertThat(NodeReader.holdsASecret("targets.directory.password")).isTrue();
    assertThat(NodeReader.holdsASecret("webhooks[0].secret")).isTrue();
    assertThat(NodeReader.holdsASecret("targets.api.settings.apiToken")).isTrue();
    assertThat(NodeReader.holdsASecret("targets.directory.bindDn")).isFalse();
    assertThat(NodeReader.holdsASecret("sources.hr.file")).isFalse();
  }
}
