package io.tenure.connector.spi;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An account as read from a target.
 *
 * @param nativeId the target's own id (LDAP DN, SCIM id, primary key)
 * @param name the account name (naming attribute value)
 * @param attributes the managed attributes that were read, by name (case as configured); never
 *     includes the secret attributes such as passwords
 * @param enabled whether the account can be used
 * @param entitlements the entitlements (group names, database roles) the account holds
 */
public record RemoteAccount(
    String nativeId,
    String name,
    Map<String, List<String>> attributes,
    boolean enabled,
    Set<String> entitlements) {

  public RemoteAccount {
    attributes = copyAttributes(attributes);
    entitlements = Collections.unmodifiableSet(new TreeSet<>(entitlements));
  }

  /** The first value of an attribute. */
  public Optional<String> first(String attribute) {
    List<String> values = attributes.get(attribute);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** A reference to this account. */
  public AccountReference reference() {
    return new AccountReference(name, nativeId);
  }

  static Map<String, List<String>> copyAttributes(Map<String, List<String>> attributes) {
    Map<String, List<String>> copy = new TreeMap<>();
    attributes.forEach((key, values) -> copy.put(key, List.copyOf(values)));
    return Collections.unmodifiableMap(copy);
  }
}
