package io.tenure.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorConfiguration;
import java.util.Map;
import java.util.Set;

class FakeConnectorTest extends ConnectorContractTest {

  private String targetName;

  @Override
  protected Connector newConnector() {
    targetName = "contract-" + namespace();
    return new FakeConnectorFactory()
        .create(new ConnectorConfiguration(targetName, Map.of("page.size", "7"), Set.of()));
  }

  @Override
  protected void assertResourcesReleased(Connector connector) {
    assertThat(FakeTarget.named(targetName).openStreams()).isZero();
  }

  @Override
  protected void cleanUp(String namespace) {
    assertThat(FakeTarget.named(targetName).accountNames())
        .as("the contract deletes what it created")
        .isEmpty();
    FakeTarget.forget(targetName);
  }
}
