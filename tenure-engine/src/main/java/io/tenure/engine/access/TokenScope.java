package io.tenure.engine.access;

import java.util.Locale;

/** What a token may do: {@code scim} reaches only {@code /scim/v2}; {@code admin} reaches all. */
public enum TokenScope {
  SCIM,
  ADMIN;

  /** The scope named (case-insensitive), or an exception naming the allowed values. */
  public static TokenScope parse(String name) {
    for (TokenScope scope : values()) {
      if (scope.name().equalsIgnoreCase(name)) {
        return scope;
      }
    }
    throw new IllegalArgumentException("unknown token scope '" + name + "' (scim or admin)");
  }

  /** The lower-case name used on the command line and in the store. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
