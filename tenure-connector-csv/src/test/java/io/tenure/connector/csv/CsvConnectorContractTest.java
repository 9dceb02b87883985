package io.tenure.connector.csv;

import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.testkit.ConnectorContractTest;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;

/** The shared connector contract, run against a CSV file in a temporary folder. */
class CsvConnectorContractTest extends ConnectorContractTest {

  @TempDir Path folder;

  @Override
  protected Connector newConnector() {
    return new CsvConnectorFactory()
        .create(
            new ConnectorConfiguration(
                "contract-csv",
                Map.of(
                    "file", folder.resolve("accounts.csv").toString(),
                    "key", "uid",
                    "columns", "cn,sn,givenName,mail,title,description",
                    "multiValuedColumns", "description"),
                Set.of()));
  }
}
