package io.tenure.configuration;

import io.tenure.configuration.YamlTree.ListNode;
import io.tenure.configuration.YamlTree.MapNode;
import io.tenure.configuration.YamlTree.Node;
import io.tenure.connector.spi.ConnectorConfiguration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The connector settings of a target: every key that is not one of Tenure's own ({@link
 * TargetBinder#KEYS}), flattened to dotted keys ({@code accounts: {base: x}} becomes {@code
 * accounts.base=x}; a list of values becomes one comma-separated value). A setting whose key's last
 * part names a password, secret, token or credential is secret: the connector configuration never
 * prints it.
 */
final class ConnectorSettingsBinder {

  private static final Pattern SECRET_KEY =
      Pattern.compile(".*(password|secret|token|credential).*", Pattern.CASE_INSENSITIVE);

  private ConnectorSettingsBinder() {}

  /** The connector configuration of the target {@code name}. */
  static ConnectorConfiguration bind(String name, MappingReader target) {
    Map<String, String> settings = new LinkedHashMap<>();
    Set<String> secrets = new HashSet<>();
    target
        .entries()
        .forEach(
            (key, entry) -> {
              if (!TargetBinder.KEYS.contains(key)) {
                flatten(target.reader(), key, entry.value(), target.pathOf(key), settings, secrets);
              }
            });
    return new ConnectorConfiguration(name, settings, secrets);
  }

  private static void flatten(
      NodeReader reader,
      String key,
      Node node,
      String path,
      Map<String, String> settings,
      Set<String> secrets) {
    if (node instanceof MapNode map) {
      map.entries()
          .forEach(
              (child, entry) ->
                  flatten(
                      reader,
                      key + "." + child,
                      entry.value(),
                      path + "." + child,
                      settings,
                      secrets));
      return;
    }
    String value;
    if (node instanceof ListNode list) {
      List<String> values = new ArrayList<>();
      for (Node item : list.items()) {
        String text = reader.scalar(item, path);
        if (text != null) {
          values.add(text);
        }
      }
      value = String.join(",", values);
    } else {
      value = reader.scalar(node, path);
    }
    if (value == null) {
      return;
    }
    settings.put(key, value);
    String lastPart = key.substring(key.lastIndexOf('.') + 1);
    if (SECRET_KEY.matcher(lastPart).matches()) {
      secrets.add(key);
    }
  }
}
