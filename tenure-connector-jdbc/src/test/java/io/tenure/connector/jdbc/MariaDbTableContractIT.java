package io.tenure.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.connector.spi.Connector;
import io.tenure.connector.testkit.ConnectorContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The connector contract for {@code jdbc-table} on the machine's MariaDB. */
class MariaDbTableContractIT extends ConnectorContractTest {

  private static ScratchDatabase database;

  @BeforeAll
  static void createDatabase() throws Exception {
    database = ScratchDatabase.mariaDb();
    TableContractSupport.createTables(database);
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    database.close();
  }

  @Override
  protected Connector newConnector() {
    return new JdbcTableConnectorFactory().create(TableContractSupport.configuration(database, ""));
  }

  @Override
  protected void assertResourcesReleased(Connector connector) {
    assertThat(((TableConnector) connector).activeConnections()).isZero();
  }

  @Test
  void tablesSurviveHostileNamesAndSecretsStayOutOfMessages() throws Exception {
    TableContractSupport.assertTablesIntact(database);
    assertThat(TableContractSupport.configuration(database, "s3cret").toString())
        .doesNotContain("s3cret");
  }
}
