package io.tenure.connector.spi;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An account to create.
 *
 * @param name the account name (naming attribute value)
 * @param attributes attribute values by attribute name; a name with an empty list is not set
 * @param enabled whether the account can be used once created
 */
public record NewAccount(String name, Map<String, List<String>> attributes, boolean enabled) {

  public NewAccount {
    attributes = RemoteAccount.copyAttributes(attributes);
  }

  /** Convenience for single-valued attributes. */
  public static NewAccount of(String name, Map<String, String> attributes, boolean enabled) {
    Map<String, List<String>> values = new TreeMap<>();
    attributes.forEach((key, value) -> values.put(key, List.of(value)));
    return new NewAccount(name, values, enabled);
  }

  /** The attribute names, for convenience. */
  public Set<String> attributeNames() {
    return attributes.keySet();
  }
}
