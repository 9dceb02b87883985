package io.tenure.connector.jdbc;

import io.tenure.connector.spi.RemoteAccount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Collects one account from the several result rows a join gives for it. */
final class AccountBuilder {

  private final String name;
  private final boolean enabled;
  private final Map<String, List<String>> attributes = new LinkedHashMap<>();
  private final Set<String> entitlements = new TreeSet<>();

  AccountBuilder(String name, boolean enabled) {
    this.name = name;
    this.enabled = enabled;
  }

  String name() {
    return name;
  }

  /** Sets an attribute's values, as read from a column (only once per account). */
  void attribute(String attribute, List<String> values) {
    if (!values.isEmpty()) {
      attributes.putIfAbsent(attribute, List.copyOf(values));
    }
  }

  /** Adds one value of an attribute read from rows; repeated values are kept once. */
  void value(String attribute, String value) {
    List<String> values = attributes.computeIfAbsent(attribute, key -> new ArrayList<>());
    if (!values.contains(value)) {
      values.add(value);
    }
  }

  void entitlement(String entitlement) {
    entitlements.add(entitlement);
  }

  RemoteAccount build() {
    return new RemoteAccount(name, name, attributes, enabled, entitlements);
  }
}
