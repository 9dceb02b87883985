package io.tenure.engine.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ConnectorFactory;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.core.account.TargetId;
import io.tenure.engine.configuration.GuardSettings;
import io.tenure.engine.configuration.TargetDefinition;
import io.tenure.engine.configuration.TargetThrottle;
import io.tenure.engine.reconciliation.ReconciliationSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A target whose secret could not be resolved fails when it is used, and only then. */
class ConnectorRegistrySecretsTest {

  private final List<String> created = new ArrayList<>();

  private final ConnectorFactory factory =
      new ConnectorFactory() {
        @Override
        public String type() {
          return "test";
        }

        @Override
        public Connector create(ConnectorConfiguration configuration) {
          created.add(configuration.targetName());
          return new Connector() {
            @Override
            public String type() {
              return "test";
            }

            @Override
            public void close() {}
          };
        }
      };

  private static TargetDefinition target(String name, List<String> unresolved) {
    return new TargetDefinition(
        new TargetId(name),
        "test",
        new ConnectorConfiguration(name, Map.of(), Set.of()),
        "'u'",
        20,
        Map.of(),
        Duration.ofDays(30),
        GuardSettings.defaults(),
        TargetThrottle.defaults(),
        ReconciliationSettings.defaults(),
        unresolved);
  }

  @Test
  void aTargetWithAnUnresolvedSecretFailsOnUseNamingTargetAndVariable() {
    String unresolved =
        "environment variable LDAP_PASSWORD is not set (tenure.yaml:5:15:"
            + " targets.directory.password)";
    try (ConnectorRegistry registry =
        ConnectorRegistry.of(
            List.of(factory),
            List.of(target("directory", List.of(unresolved)), target("mailbox", List.of())))) {

      assertThat(registry.connector(new TargetId("mailbox"))).isNotNull();
      assertThatThrownBy(() -> registry.connector(new TargetId("directory")))
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION))
          .hasMessage("target 'directory' cannot be used: " + unresolved);
      assertThat(created).containsExactly("mailbox");
    }
  }
}
