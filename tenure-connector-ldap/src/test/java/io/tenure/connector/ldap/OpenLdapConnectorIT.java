package io.tenure.connector.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.connector.spi.Connector;
import io.tenure.connector.testkit.ConnectorContractTest;
import java.util.Map;

/** The connector contract against the real OpenLDAP (memberof, refint and ppolicy overlays). */
class OpenLdapConnectorIT extends ConnectorContractTest {

  @Override
  protected Connector newConnector() {
    return OpenLdap.connector(Map.of());
  }

  @Override
  protected void assertResourcesReleased(Connector connector) {
    assertThat(((LdapConnector) connector).openStreams()).isZero();
  }

  @Override
  protected void cleanUp(String namespace) {
    int left = OpenLdap.countNamespace(namespace);
    OpenLdap.deleteNamespace(namespace);
    assertThat(left).as("entries the contract left under namespace %s", namespace).isZero();
  }
}
