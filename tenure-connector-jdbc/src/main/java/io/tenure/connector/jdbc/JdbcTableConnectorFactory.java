package io.tenure.connector.jdbc;

import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.spi.ConnectorFactory;

/**
 * Creates connectors of type {@code jdbc-table}: accounts as rows of a table, entitlements as rows
 * of a membership table. Settings (see docs/connectors/jdbc.md): {@code url}, {@code username},
 * {@code password} (secret), {@code accounts.table}, {@code accounts.key}, {@code
 * accounts.enabledColumn}, {@code accounts.columns}, {@code accounts.multiValuedColumns}, {@code
 * accounts.separator}, {@code memberships.table}, {@code memberships.accountColumn}, {@code
 * memberships.entitlementColumn}, {@code page.size}, {@code pool.size}, {@code
 * connection.timeoutSeconds}, {@code statement.timeoutSeconds}.
 */
public final class JdbcTableConnectorFactory implements ConnectorFactory {

  /** The connector type name. */
  public static final String TYPE = "jdbc-table";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Connector create(ConnectorConfiguration configuration) {
    TableLayout layout = TableLayout.from(configuration);
    return new TableConnector(layout, new Database(configuration));
  }
}
