package io.tenure.connector.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.connector.spi.Connector;
import io.tenure.connector.testkit.ConnectorContractTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/**
 * The connector contract against Samba's AD domain controller over LDAPS, with the documented
 * Active Directory settings (see {@link ActiveDirectory}).
 */
class ActiveDirectoryConnectorIT extends ConnectorContractTest {

  @BeforeAll
  static void requireDomainController() {
    ActiveDirectory.requireAvailable();
  }

  @Override
  protected Connector newConnector() {
    return ActiveDirectory.connector(Map.of());
  }

  /**
   * The default attributes plus {@code url}: AD keeps {@code description} single-valued on users
   * (SAM objects), so the case that writes several values clears and fills {@code url} instead.
   */
  @Override
  protected Map<String, String> sampleAttributes(String name) {
    Map<String, String> attributes = super.sampleAttributes(name);
    attributes.put("url", "https://example.test/" + name.strip());
    return attributes;
  }

  @Override
  protected String clearableAttribute() {
    return "url";
  }

  @Override
  protected void assertResourcesReleased(Connector connector) {
    assertThat(((LdapConnector) connector).openStreams()).isZero();
  }

  @Override
  protected void cleanUp(String namespace) {
    List<String> left = ActiveDirectory.accountsOf(namespace);
    ActiveDirectory.deleteNamespace(namespace);
    assertThat(left).as("accounts the contract left under namespace %s", namespace).isEmpty();
  }
}
