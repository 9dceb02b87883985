package io.tenure.connector.connid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ConnectorFactory;
import io.tenure.connector.spi.CreateCapability;
import io.tenure.connector.spi.DeleteCapability;
import io.tenure.connector.spi.EnableDisableCapability;
import io.tenure.connector.spi.EntitlementCapability;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.spi.SearchCapability;
import io.tenure.connector.spi.TestCapability;
import io.tenure.connector.spi.UpdateCapability;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration checks, bundle choice and capabilities, with the real bundles but no server. */
class ConnIdConnectorFactoryTest {

  @TempDir Path folder;

  private final ConnIdConnectorFactory factory = new ConnIdConnectorFactory();

  @Test
  void theFactoryIsFoundThroughTheServiceLoader() {
    assertThat(ServiceLoader.load(ConnectorFactory.class).stream().map(ServiceLoader.Provider::get))
        .anySatisfy(found -> assertThat(found.type()).isEqualTo("connid"));
  }

  @Test
  void theCsvDirBundleGivesEveryCapabilityItsOperationsAllow() {
    try (Connector connector = factory.create(csvDir(Map.of()))) {
      assertThat(connector.type()).isEqualTo("connid");
      assertThat(connector)
          .isInstanceOf(CreateCapability.class)
          .isInstanceOf(UpdateCapability.class)
          .isInstanceOf(DeleteCapability.class)
          .isInstanceOf(SearchCapability.class)
          .isInstanceOf(TestCapability.class)
          .isInstanceOf(EnableDisableCapability.class)
          .isInstanceOf(EntitlementCapability.class);
      ((TestCapability) connector).test();
    }
  }

  @Test
  void configuredAwayCapabilitiesAreNotShown() {
    Map<String, String> settings = new HashMap<>();
    settings.put("enabled.attribute", "none");
    settings.put("entitlements.style", "none");
    try (Connector connector = factory.create(csvDir(settings))) {
      assertThat(connector)
          .isNotInstanceOf(EnableDisableCapability.class)
          .isNotInstanceOf(EntitlementCapability.class)
          .isInstanceOf(UpdateCapability.class);
    }
  }

  @Test
  void anUnreachableLdapServerIsARetryableConnectionErrorWithoutTheSecret() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Map<String, String> settings = new HashMap<>();
    settings.put("bundle.path", TestBundles.jar(TestBundles.LDAP).toString());
    settings.put("configuration.host", "127.0.0.1");
    settings.put("configuration.port", Integer.toString(port));
    settings.put("configuration.principal", "cn=admin,dc=example,dc=com");
    settings.put("configuration.credentials", "very-secret-password");
    settings.put("configuration.baseContexts", "dc=example\\,dc=com");
    settings.put("configuration.connectTimeout", "2000");
    try (Connector connector =
        factory.create(
            new ConnectorConfiguration(
                "directory", settings, Set.of("configuration.credentials")))) {
      assertThat(connector).isInstanceOf(TestCapability.class);
      assertThatThrownBy(((TestCapability) connector)::test)
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> {
                assertThat(e.kind()).as(e.getMessage()).isEqualTo(ErrorKind.CONNECTION);
                assertThat(e.retryable()).isTrue();
                assertThat(e.getMessage())
                    .startsWith("target 'directory': test of net.tirasa.connid.bundles.ldap")
                    .doesNotContain("very-secret-password");
              });
    }
  }

  @Test
  void unknownAndMissingSettingsNameTheirKey() {
    assertConfigurationError(
        () -> factory.create(csvDir(Map.of("acounts.objectClass", "x"))), "acounts.objectClass");
    assertConfigurationError(
        () -> factory.create(new ConnectorConfiguration("t", Map.of(), Set.of())), "bundle.path");
    assertConfigurationError(
        () -> factory.create(csvDir(Map.of("bundle.path", folder.resolve("none").toString()))),
        "bundle.path");
    assertConfigurationError(
        () -> factory.create(csvDir(Map.of("bundle.path", folder.toString()))), "bundle.path");
    assertConfigurationError(
        () -> factory.create(csvDir(Map.of("entitlements.style", "roles"))), "entitlements.style");
    assertConfigurationError(
        () -> factory.create(csvDir(Map.of("entitlements.style", "group"))),
        "entitlements.memberAttribute");
    assertConfigurationError(
        () -> factory.create(csvDir(Map.of("enabled.attribute", "status"))),
        "enabled.disabledValue");
    assertConfigurationError(
        () -> factory.create(csvDir(Map.of("accounts.nameTemplate", "uid=x"))),
        "accounts.nameTemplate");
    assertConfigurationError(
        () -> factory.create(csvDir(Map.of("search.bufferSize", "0"))), "search.bufferSize");
  }

  @Test
  void theConnectorIsChosenAmongTheBundles() {
    Map<String, String> both = new HashMap<>();
    both.put("bundle.path", TestBundles.FOLDER.toString());
    both.put("bundle.name", "");
    assertConfigurationError(() -> factory.create(csvDir(both)), "bundle.connector");
    assertConfigurationError(
        () -> factory.create(csvDir(Map.of("bundle.name", "net.tirasa.connid.bundles.nothing"))),
        "bundle.name");
    assertConfigurationError(
        () -> factory.create(csvDir(Map.of("bundle.version", "0.0.1"))), "bundle.version");
    Map<String, String> byClass = new HashMap<>(both);
    byClass.put("bundle.connector", "CSVDirConnector");
    factory.create(csvDir(byClass)).close();
  }

  @Test
  void bundlePropertiesAreCheckedAgainstTheBundle() {
    assertConfigurationError(
        () -> factory.create(csvDir(Map.of("configuration.sourcePaht", "x"))),
        "configuration.sourcePaht");
    assertConfigurationError(
        () -> factory.create(csvDir(Map.of("configuration.quotationRequired", "maybe"))),
        "configuration.quotationRequired");
    assertConfigurationError(
        () -> factory.create(csvDir(Map.of("configuration.sourcePath.0", "x"))),
        "configuration.sourcePath.0");
    Map<String, String> withoutRequired = new HashMap<>();
    withoutRequired.put("configuration.sourcePath", "");
    assertConfigurationError(
        () -> factory.create(csvDir(withoutRequired)), "configuration.sourcePath");
  }

  @Test
  void theBundlesOwnValidationIsAConfigurationError() {
    assertThatThrownBy(
            () -> factory.create(csvDir(Map.of("configuration.encoding", "no-such-charset"))))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION));
  }

  private ConnectorConfiguration csvDir(Map<String, String> overrides) {
    ConnectorConfiguration base = CsvDirContractTest.configuration(folder);
    Map<String, String> settings = new HashMap<>(base.settings());
    settings.put("bundle.path", TestBundles.jar(TestBundles.CSVDIR).toString());
    settings.remove("bundle.name");
    settings.putAll(overrides);
    settings.values().removeIf(String::isEmpty);
    return new ConnectorConfiguration("files", settings, Set.of());
  }

  private static void assertConfigurationError(ThrowingCallable call, String key) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
              assertThat(e.getMessage()).contains("'" + key + "'");
            });
  }

  static {
    try {
      Files.createDirectories(TestBundles.FOLDER);
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
