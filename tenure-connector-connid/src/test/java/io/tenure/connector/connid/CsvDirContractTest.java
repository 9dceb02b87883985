package io.tenure.connector.connid;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.testkit.ConnectorContractTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared connector contract through the real ConnId CSV-dir bundle 0.8.10 over a CSV file in a
 * temporary folder. The bundle keeps several values in one cell ({@code multivalueSeparator}), so
 * the bridge joins them ({@code values.joinWith}); it puts values into SQL between single quotes
 * without escaping them, so the bridge refuses the single quote ({@code values.rejectCharacters}).
 */
class CsvDirContractTest extends ConnectorContractTest {

  @TempDir Path folder;

  @Override
  protected Connector newConnector() {
    return new ConnIdConnectorFactory().create(configuration(folder));
  }

  @Override
  protected void assertResourcesReleased(Connector connector) {
    assertThat(CapabilityView.unwrap(connector).openStreams()).isZero();
  }

  @Test
  void attributeNamesAreSpelledAsConfiguredThoughTheBundleAnswersInUpperCase() {
    String name = name("spelling");
    create(name, true);
    assertThat(findExisting(name).attributes())
        .containsKeys("cn", "sn", "givenName", "mail", "title", "description")
        .doesNotContainKeys("CN", "GIVENNAME");
  }

  /** A csvdir target over {@code accounts.csv} in the folder, which it creates with a header. */
  static ConnectorConfiguration configuration(Path folder) {
    Path file = folder.resolve("accounts.csv");
    try {
      if (!Files.exists(file)) {
        Files.writeString(
            file,
            "uid,cn,sn,givenName,mail,title,description,enabled,groups\n",
            StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> settings = new HashMap<>();
    settings.put("bundle.path", TestBundles.FOLDER.toString());
    settings.put("bundle.name", TestBundles.CSVDIR);
    settings.put("configuration.sourcePath", folder.toString());
    settings.put("configuration.fileMask", "accounts\\.csv");
    settings.put("configuration.encoding", "UTF-8");
    settings.put("configuration.keyColumnNames", "uid");
    settings.put(
        "configuration.fields", "uid,cn,sn,givenName,mail,title,description,enabled,groups");
    settings.put("configuration.statusColumn", "enabled");
    settings.put("configuration.multivalueSeparator", "^");
    settings.put("configuration.keyseparator", "\ue000");
    settings.put("values.joinWith", "^");
    settings.put("values.rejectCharacters", "'\ue000");
    settings.put("values.rejectSurroundingSpaces", "true");
    settings.put("entitlements.style", "attribute");
    settings.put("entitlements.attribute", "groups");
    settings.put("search.bufferSize", "10");
    return new ConnectorConfiguration("contract-csvdir", settings, Set.of());
  }
}
