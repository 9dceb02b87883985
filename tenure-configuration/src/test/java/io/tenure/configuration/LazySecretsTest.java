package io.tenure.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.engine.configuration.JdbcSourceSettings;
import io.tenure.engine.configuration.TargetDefinition;
import io.tenure.engine.configuration.TenureConfiguration;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A secret of a target or a source that cannot be resolved is kept with that target or source, so
 * that commands that never use it run; a secret every command needs (the store's), an expression or
 * a file name must still resolve at once.
 */
class LazySecretsTest {

  private static final String FILE =
      """
      sources:
        hr:
          type: jdbc
          url: jdbc:postgresql://127.0.0.1:5432/hr
          password: ${env:HR_DB_PASSWORD}
          table: people
          key: employeeId
          attributes: { employeeId: employee_id }
      targets:
        directory:
          type: ldap
          url: ldap://127.0.0.1:3389
          password: ${env:LDAP_PASSWORD}
          accounts: { base: "ou=people,dc=example,dc=com", secret: "${file:missing/secret}" }
          username: "'u'"
        other:
          type: ldap
          password: ${env:SET}
          username: "'v'"
      """;

  private final YamlConfigurationLoader loader =
      new YamlConfigurationLoader(Map.of("SET", "value")::get, Set.of());

  private TenureConfiguration parse(String yaml) {
    return loader.parse(yaml, "tenure.yaml", Path.of("/etc/tenure"));
  }

  @Test
  void unsetSecretsOfATargetAreKeptWithTheTargetNamingVariableAndKey() {
    TenureConfiguration configuration = parse(FILE);

    TargetDefinition directory = configuration.targets().get(0);
    assertThat(directory.unresolvedSecrets())
        .containsExactly(
            "environment variable LDAP_PASSWORD is not set (tenure.yaml:13:15:"
                + " targets.directory.password)",
            "cannot read the secret file /etc/tenure/missing/secret (tenure.yaml:14:62:"
                + " targets.directory.accounts.secret)");
    assertThat(configuration.targets().get(1).unresolvedSecrets()).isEmpty();
    assertThat(configuration.targets().get(1).connector().settings())
        .containsEntry("password", "value");
  }

  @Test
  void unsetSecretsOfASourceConnectionAreKeptWithTheSource() {
    JdbcSourceSettings hr =
        (JdbcSourceSettings) parse(FILE).sources().get(0).sourceConnection().orElseThrow();

    assertThat(hr.unresolvedSecrets())
        .containsExactly(
            "environment variable HR_DB_PASSWORD is not set (tenure.yaml:5:15:"
                + " sources.hr.password)");
    assertThat(hr.toString()).doesNotContain("HR_DB_PASSWORD");
  }

  @Test
  void theStoreSecretAndExpressionsMustResolveAtOnce() {
    assertThatThrownBy(() -> parse("store:\n  password: ${env:STORE_PASSWORD}\n"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("store.password: environment variable STORE_PASSWORD is not set");
    assertThatThrownBy(
            () -> parse("targets:\n  directory: { type: ldap, username: \"${env:FIELD}\" }\n"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("targets.directory.username: environment variable FIELD is not set");
  }
}
