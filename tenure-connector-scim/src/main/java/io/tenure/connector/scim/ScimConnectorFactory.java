package io.tenure.connector.scim;

import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.spi.ConnectorFactory;
import java.time.Clock;

/**
 * Creates SCIM 2.0 connectors, configuration type {@value #TYPE}. The connector reads the
 * provider's {@code /ServiceProviderConfig} when it is created (and again on first use if the
 * provider could not be reached then) and degrades to what the provider supports.
 */
public final class ScimConnectorFactory implements ConnectorFactory {

  /** The configuration type name. */
  public static final String TYPE = "scim";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Connector create(ConnectorConfiguration configuration) {
    ScimSettings settings = ScimSettings.from(configuration);
    return new ScimConnector(settings, Clock.systemUTC(), Sleeper.THREAD);
  }
}
