package io.tenure.connector.spi;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The settings of one target, flattened to dotted keys ({@code accounts.base}, {@code
 * disable.attribute}). Values of keys listed as secret are never rendered by {@link #toString()}.
 *
 * @param targetName the target's name in the configuration, used in error messages
 * @param settings every setting, secrets included, as strings
 * @param secretKeys keys whose values are secrets
 */
public record ConnectorConfiguration(
    String targetName, Map<String, String> settings, java.util.Set<String> secretKeys) {

  public ConnectorConfiguration {
    settings = Map.copyOf(settings);
    secretKeys = java.util.Set.copyOf(secretKeys);
  }

  /** The value of an optional setting. */
  public Optional<String> optional(String key) {
    return Optional.ofNullable(settings.get(key)).filter(value -> !value.isBlank());
  }

  /** The value of an optional setting, or the default. */
  public String get(String key, String defaultValue) {
    return optional(key).orElse(defaultValue);
  }

  /**
   * The value of a required setting.
   *
   * @throws ConnectorException of kind {@link ErrorKind#CONFIGURATION} naming the key if absent
   */
  public String required(String key) {
    return optional(key)
        .orElseThrow(
            () ->
                new ConnectorException(
                    ErrorKind.CONFIGURATION,
                    "target '" + targetName + "': missing required setting '" + key + "'"));
  }

  /**
   * An integer setting.
   *
   * @throws ConnectorException of kind {@link ErrorKind#CONFIGURATION} naming the key if the value
   *     is not an integer
   */
  public int integer(String key, int defaultValue) {
    Optional<String> value = optional(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value.get().trim());
    } catch (NumberFormatException e) {
      throw new ConnectorException(
          ErrorKind.CONFIGURATION,
          "target '" + targetName + "': setting '" + key + "' must be an integer");
    }
  }

  /**
   * A list setting: a comma-separated value under {@code key} (how the configuration loader
   * flattens a YAML list), or indexed keys {@code key.0}, {@code key.1}, ... Blank items are
   * dropped, items are trimmed; empty when absent.
   */
  public java.util.List<String> list(String key) {
    java.util.List<String> values = new java.util.ArrayList<>();
    optional(key)
        .ifPresent(
            joined -> {
              for (String part : joined.split(",")) {
                if (!part.isBlank()) {
                  values.add(part.trim());
                }
              }
            });
    for (int index = 0; ; index++) {
      String dotted = settings.get(key + "." + index);
      String value = dotted != null ? dotted : settings.get(key + "[" + index + "]");
      if (value == null) {
        break;
      }
      if (!value.isBlank()) {
        values.add(value.trim());
      }
    }
    return java.util.List.copyOf(values);
  }

  /**
   * A boolean setting, {@code true} or {@code false} (any case).
   *
   * @throws ConnectorException of kind {@link ErrorKind#CONFIGURATION} naming the key for any other
   *     value
   */
  public boolean flag(String key, boolean defaultValue) {
    String value =
        get(key, Boolean.toString(defaultValue)).trim().toLowerCase(java.util.Locale.ROOT);
    if (!value.equals("true") && !value.equals("false")) {
      throw new ConnectorException(
          ErrorKind.CONFIGURATION,
          "target '" + targetName + "': setting '" + key + "' must be true or false");
    }
    return Boolean.parseBoolean(value);
  }

  @Override
  public String toString() {
    Map<String, String> shown = new TreeMap<>();
    settings.forEach((key, value) -> shown.put(key, secretKeys.contains(key) ? "******" : value));
    return "ConnectorConfiguration[" + targetName + ", " + shown + "]";
  }
}
