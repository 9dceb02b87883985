package io.tenure.connector.spi;

/**
 * Creates connectors of one type. Registered in {@code
 * META-INF/services/io.tenure.connector.spi.ConnectorFactory}.
 */
public interface ConnectorFactory {

  /** The type name used in configuration, for example {@code ldap}. Lower case, stable. */
  String type();

  /**
   * Creates a connector for a target.
   *
   * @throws ConnectorException of kind {@link ErrorKind#CONFIGURATION} naming the setting key when
   *     the configuration is invalid
   */
  Connector create(ConnectorConfiguration configuration);
}
