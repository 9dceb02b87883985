package io.tenure.connector.connid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.identityconnectors.common.security.GuardedByteArray;
import org.identityconnectors.common.security.GuardedString;
import org.identityconnectors.framework.api.ConfigurationProperties;
import org.identityconnectors.framework.api.ConfigurationProperty;

/**
 * Sets a bundle's configuration properties from the {@code configuration.*} settings, converting
 * each text to the property's declared type ({@link PropertyValues}). A property is a secret when
 * the bundle marks it confidential, its type is a guarded one, or the configuration lists its key
 * as secret; a secret's value never appears in a message. Array properties also take indexed keys
 * ({@code configuration.baseContexts.0}, {@code .1}, ...), whose items are used as they are.
 */
final class BundleProperties {

  private final String targetName;
  private final Map<String, String> settings;
  private final Set<String> secretKeys;

  BundleProperties(String targetName, Map<String, String> settings, Set<String> secretKeys) {
    this.targetName = targetName;
    this.settings = Map.copyOf(settings);
    this.secretKeys = Set.copyOf(secretKeys);
  }

  /**
   * Sets every configured property.
   *
   * @throws io.tenure.connector.spi.ConnectorException CONFIGURATION naming the key when a property
   *     is unknown to the bundle, its value cannot be converted, or a property the bundle requires
   *     is missing
   */
  void applyTo(ConfigurationProperties properties) {
    for (Map.Entry<String, String> entry : textByProperty(properties).entrySet()) {
      String name = entry.getKey();
      ConfigurationProperty property = properties.getProperty(name);
      try {
        properties.setPropertyValue(
            name, PropertyValues.convert(property.getType(), entry.getValue()));
      } catch (IllegalArgumentException e) {
        throw ConnIdSettings.invalid(
            targetName, ConnIdSettings.BUNDLE_PREFIX + name, e.getMessage());
      }
    }
    for (String name : properties.getPropertyNames()) {
      ConfigurationProperty property = properties.getProperty(name);
      if (property.isRequired() && isEmpty(property.getValue())) {
        throw ConnIdSettings.invalid(
            targetName, ConnIdSettings.BUNDLE_PREFIX + name, "is required by the bundle");
      }
    }
  }

  /**
   * The values of the settings that are secrets, given the bundle's properties; the connector hides
   * them in every message.
   */
  List<String> secretValues(ConfigurationProperties properties) {
    List<String> secrets = new ArrayList<>();
    for (Map.Entry<String, String> setting : settings.entrySet()) {
      String name = propertyName(setting.getKey());
      ConfigurationProperty property =
          properties.getPropertyNames().contains(name) ? properties.getProperty(name) : null;
      boolean secret =
          secretKeys.contains(setting.getKey())
              || (property != null
                  && (property.isConfidential()
                      || property.getType() == GuardedString.class
                      || property.getType() == GuardedByteArray.class));
      if (secret) {
        secrets.add(setting.getValue());
      }
    }
    return secrets;
  }

  /**
   * The text of each configured property: the plain key's value, followed for a list by the indexed
   * keys' items (escaped as {@link PropertyValues#items} reads them).
   */
  private Map<String, String> textByProperty(ConfigurationProperties properties) {
    Set<String> known = new TreeSet<>(properties.getPropertyNames());
    Map<String, String> texts = new LinkedHashMap<>();
    for (String key : new TreeSet<>(settings.keySet())) {
      String name = propertyName(key);
      if (!known.contains(name)) {
        throw ConnIdSettings.invalid(
            targetName,
            ConnIdSettings.BUNDLE_PREFIX + key,
            "is not a property of the bundle's configuration; it has " + known);
      }
      if (!key.equals(name) && !properties.getProperty(name).getType().isArray()) {
        throw ConnIdSettings.invalid(
            targetName,
            ConnIdSettings.BUNDLE_PREFIX + key,
            "is indexed, but the property is not a list");
      }
      texts.put(name, "");
    }
    for (String name : texts.keySet()) {
      List<String> parts = new ArrayList<>();
      String plain = settings.get(name);
      if (plain != null) {
        parts.add(plain);
      }
      for (int index = 0; ; index++) {
        String item = settings.get(name + "." + index);
        if (item == null) {
          item = settings.get(name + "[" + index + "]");
        }
        if (item == null) {
          break;
        }
        parts.add(item.replace("\\", "\\\\").replace(",", "\\,"));
      }
      texts.put(name, String.join(",", parts));
    }
    return texts;
  }

  /** {@code baseContexts.0} and {@code baseContexts[0]} give {@code baseContexts}. */
  private static String propertyName(String key) {
    int end = key.length();
    int dot = key.indexOf('.');
    int bracket = key.indexOf('[');
    if (dot >= 0) {
      end = dot;
    }
    if (bracket >= 0 && bracket < end) {
      end = bracket;
    }
    return key.substring(0, end);
  }

  private static boolean isEmpty(Object value) {
    if (value == null) {
      return true;
    }
    if (value instanceof String text) {
      return text.isBlank();
    }
    if (value.getClass().isArray()) {
      return java.lang.reflect.Array.getLength(value) == 0;
    }
    return false;
  }
}
