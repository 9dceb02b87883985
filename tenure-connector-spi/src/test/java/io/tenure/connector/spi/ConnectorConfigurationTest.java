package io.tenure.connector.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectorConfigurationTest {

  private static ConnectorConfiguration of(Map<String, String> settings) {
    return new ConnectorConfiguration("t", settings, Set.of("password"));
  }

  @Test
  void listsComeCommaSeparatedOrIndexed() {
    assertThat(of(Map.of("columns", "a, b,,c ")).list("columns")).containsExactly("a", "b", "c");
    assertThat(of(Map.of("columns.0", "x", "columns.1", " y", "columns.3", "lost")).list("columns"))
        .containsExactly("x", "y");
    assertThat(of(Map.of()).list("columns")).isEmpty();
  }

  @Test
  void flagsAreTrueOrFalseAndAnythingElseNamesTheKey() {
    assertThat(of(Map.of("create", "TRUE")).flag("create", false)).isTrue();
    assertThat(of(Map.of()).flag("create", true)).isTrue();
    assertThatThrownBy(() -> of(Map.of("create", "yes")).flag("create", false))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("'create'")
        .satisfies(
            e -> assertThat(((ConnectorException) e).kind()).isEqualTo(ErrorKind.CONFIGURATION));
  }

  @Test
  void secretsAreNeverRendered() {
    assertThat(of(Map.of("password", "hunter2", "url", "ldap://x")).toString())
        .doesNotContain("hunter2")
        .contains("ldap://x");
  }
}
