package io.tenure.connector.jdbc;

import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;

/** Reading character settings. */
final class Settings {

  private Settings() {}

  static char character(ConnectorConfiguration configuration, String key, char defaultValue) {
    String value = configuration.get(key, String.valueOf(defaultValue));
    if (value.length() != 1 || value.charAt(0) == '\\') {
      throw invalid(configuration, key, "must be one character other than a backslash");
    }
    return value.charAt(0);
  }

  static ConnectorException invalid(
      ConnectorConfiguration configuration, String key, String problem) {
    return new ConnectorException(
        ErrorKind.CONFIGURATION,
        "target '" + configuration.targetName() + "': setting '" + key + "' " + problem);
  }
}
