package io.tenure.connector.jdbc;

import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reading list and boolean settings. */
final class Settings {

  private Settings() {}

  /**
   * A list setting: a comma-separated value under {@code key}, or indexed keys {@code key.0},
   * {@code key.1}, ... as a flattened YAML list gives them.
   */
  static List<String> list(ConnectorConfiguration configuration, String key) {
    List<String> values = new ArrayList<>();
    configuration
        .optional(key)
        .ifPresent(
            joined -> {
              for (String part : joined.split(",")) {
                if (!part.isBlank()) {
                  values.add(part.trim());
                }
              }
            });
    for (int index = 0; ; index++) {
      String dotted = configuration.settings().get(key + "." + index);
      String bracketed = configuration.settings().get(key + "[" + index + "]");
      String value = dotted != null ? dotted : bracketed;
      if (value == null) {
        break;
      }
      if (!value.isBlank()) {
        values.add(value.trim());
      }
    }
    return values;
  }

  static boolean flag(ConnectorConfiguration configuration, String key, boolean defaultValue) {
    String value =
        configuration.get(key, Boolean.toString(defaultValue)).trim().toLowerCase(Locale.ROOT);
    if (!value.equals("true") && !value.equals("false")) {
      throw invalid(configuration, key, "must be true or false");
    }
    return Boolean.parseBoolean(value);
  }

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
