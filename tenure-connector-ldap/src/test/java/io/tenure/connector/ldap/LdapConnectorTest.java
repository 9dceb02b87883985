package io.tenure.connector.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.connector.spi.Connector;
import io.tenure.connector.testkit.ConnectorContractTest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The connector contract against an in-memory directory. */
class LdapConnectorTest extends ConnectorContractTest {

  private static TestDirectory directory;

  @BeforeAll
  static void startDirectory() throws Exception {
    directory = new TestDirectory();
  }

  @AfterAll
  static void stopDirectory() {
    directory.close();
  }

  @Override
  protected Connector newConnector() {
    return directory.connector(Map.of());
  }

  @Override
  protected void assertResourcesReleased(Connector connector) {
    assertThat(((LdapConnector) connector).openStreams()).isZero();
  }

  @Override
  protected void cleanUp(String namespace) {
    try {
      assertThat(directory.server.countEntriesBelow(TestDirectory.PEOPLE))
          .as("only the base is left under ou=people")
          .isEqualTo(1);
      assertThat(directory.server.countEntriesBelow(TestDirectory.GROUPS))
          .as(
              "emptied groups are deleted: %s",
              directory
                  .server
                  .search(
                      TestDirectory.GROUPS,
                      com.unboundid.ldap.sdk.SearchScope.SUB,
                      "(objectClass=*)",
                      "*")
                  .getSearchEntries())
          .isEqualTo(1);
    } catch (com.unboundid.ldap.sdk.LDAPException e) {
      throw new AssertionError(e);
    }
  }
}
