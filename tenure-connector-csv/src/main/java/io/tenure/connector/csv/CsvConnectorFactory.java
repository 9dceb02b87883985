package io.tenure.connector.csv;

import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.spi.ConnectorFactory;

/**
 * Creates connectors of type {@code csv}: accounts kept as rows of a CSV file. Settings (see
 * docs/connectors/csv.md): {@code file} (required), {@code key}, {@code columns}, {@code
 * multiValuedColumns}, {@code enabledColumn}, {@code entitlementsColumn}, {@code separator}, {@code
 * delimiter}.
 */
public final class CsvConnectorFactory implements ConnectorFactory {

  /** The connector type name. */
  public static final String TYPE = "csv";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Connector create(ConnectorConfiguration configuration) {
    return new CsvConnector(CsvSettings.from(configuration));
  }
}
