package io.tenure.connector.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ConnectorFactory;
import io.tenure.connector.spi.ErrorKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScimSettingsTest {

  private static ScimSettings settings(Map<String, String> values) {
    return ScimSettings.from(
        new ConnectorConfiguration("crm", values, Set.of("auth.token", "auth.password")));
  }

  private static Map<String, String> with(String... keysAndValues) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("url", "https://scim.example.com/v2/");
    for (int index = 0; index < keysAndValues.length; index += 2) {
      values.put(keysAndValues[index], keysAndValues[index + 1]);
    }
    return values;
  }

  @Test
  void defaults() {
    ScimSettings settings = settings(with());
    assertThat(settings.url()).hasToString("https://scim.example.com/v2");
    assertThat(settings.authentication()).isInstanceOf(ScimSettings.NoAuthentication.class);
    assertThat(settings.pageSize()).isEqualTo(100);
    assertThat(settings.entitlementSource())
        .isEqualTo(ScimSettings.EntitlementSource.GROUPS_ATTRIBUTE);
    assertThat(settings.createGroups()).isFalse();
    assertThat(settings.patchMode()).isEqualTo(ScimSettings.FeatureMode.AUTO);
    assertThat(settings.maxAttempts()).isEqualTo(3);
    assertThat(settings.bulkMode()).isEqualTo(ScimSettings.FeatureMode.AUTO);
    assertThat(settings.bulkMaxOperations()).isEqualTo(100);
    assertThat(settings.isMultiValued("Emails")).isTrue();
    assertThat(settings.isMultiValued("name")).isFalse();
  }

  @Test
  void authenticationIsChosenFromTheGivenSecretsAndNeverRendered() {
    ScimSettings bearer = settings(with("auth.token", "t0ken-secret"));
    assertThat(bearer.authentication().header()).contains("Bearer t0ken-secret");
    assertThat(bearer.toString()).doesNotContain("t0ken-secret");

    ScimSettings basic = settings(with("auth.username", "svc", "auth.password", "pa55-secret"));
    assertThat(basic.authentication().header()).contains("Basic c3ZjOnBhNTUtc2VjcmV0");
    assertThat(basic.toString()).doesNotContain("pa55-secret");
  }

  @Test
  void badSettingsNameTheirKey() {
    assertBad(Map.of(), "'url'");
    assertBad(with("url", "ftp://x"), "'url'");
    assertBad(with("auth.type", "kerberos"), "'auth.type'");
    assertBad(with("auth.type", "basic", "auth.username", "svc"), "'auth.password'");
    assertBad(with("pageSize", "0"), "'pageSize'");
    assertBad(with("pageSize", "many"), "'pageSize'");
    assertBad(with("groups.create", "yes"), "'groups.create'");
    assertBad(with("entitlements.source", "roles"), "'entitlements.source'");
    assertBad(with("patch", "always"), "'patch'");
    assertBad(with("bulk", "always"), "'bulk'");
    assertBad(with("bulk.maxOperations", "0"), "'bulk.maxOperations'");
  }

  @Test
  void aBadAccountFilterIsAConfigurationError() {
    assertThatThrownBy(
            () -> new ScimConnectorFactory().create(config(with("accounts.filter", "title eq"))))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
              assertThat(e.getMessage()).contains("accounts.filter");
            });
  }

  @Test
  void theFactoryIsFoundByServiceLoader() {
    assertThat(ServiceLoader.load(ConnectorFactory.class).stream().map(p -> p.get().type()))
        .contains("scim");
  }

  private static ConnectorConfiguration config(Map<String, String> values) {
    return new ConnectorConfiguration("crm", values, Set.of());
  }

  private static void assertBad(Map<String, String> values, String key) {
    assertThatThrownBy(() -> settings(values))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
              assertThat(e.getMessage()).contains(key);
            });
  }
}
