package io.tenure.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ConnectorFactory;
import io.tenure.connector.spi.ErrorKind;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FactoriesTest {

  @Test
  void bothFactoriesAreFoundThroughServiceLoader() {
    assertThat(ServiceLoader.load(ConnectorFactory.class).stream().map(p -> p.get().type()))
        .contains("jdbc-table", "jdbc-login");
  }

  @Test
  void missingSettingsNameTheKey() {
    ConnectorException table =
        catchThrowableOfType(
            ConnectorException.class,
            () ->
                new JdbcTableConnectorFactory()
                    .create(
                        new ConnectorConfiguration(
                            "t", Map.of("url", "jdbc:postgresql://127.0.0.1/x"), Set.of())));
    assertThat(table.kind()).isEqualTo(ErrorKind.CONFIGURATION);
    assertThat(table.getMessage()).contains("'accounts.key'");
    ConnectorException login =
        catchThrowableOfType(
            ConnectorException.class,
            () ->
                new JdbcLoginConnectorFactory()
                    .create(
                        new ConnectorConfiguration(
                            "t", Map.of("url", "jdbc:postgresql://127.0.0.1/x"), Set.of())));
    assertThat(login.getMessage()).contains("'login.prefix'");
  }

  @Test
  void loginConnectorRefusesOtherDatabases() {
    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class,
            () ->
                new JdbcLoginConnectorFactory()
                    .create(
                        new ConnectorConfiguration(
                            "t",
                            Map.of("url", "jdbc:h2:mem:x", "login.prefix", "app_"),
                            Set.of())));
    assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
    assertThat(e.getMessage()).contains("'url'");
  }

  @Test
  void scopeKeepsSystemNamesOut() {
    LoginScope scope =
        new LoginScope("", java.util.Optional.empty(), java.util.Optional.of("tenure"), false);
    assertThat(scope.isLogin("root")).isFalse();
    assertThat(scope.isLogin("mysql.session")).isFalse();
    assertThat(scope.isLogin("pg_monitor")).isFalse();
    assertThat(scope.isLogin("tenure")).isFalse();
    assertThat(scope.isLogin("alice")).isTrue();
    assertThat(scope.isRole("postgres")).isFalse();
  }
}
