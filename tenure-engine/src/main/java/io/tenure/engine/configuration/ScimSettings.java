package io.tenure.engine.configuration;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How the SCIM server reads pushed Users beyond its fixed mapping, and which roles SCIM Groups may
 * assign.
 *
 * @param userAttributes identity attribute name to the SCIM attribute path of the pushed User it is
 *     read from (for example {@code costCenter} to {@code
 *     urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter}, or {@code workPhone}
 *     to {@code phoneNumbers[type eq "work"].value}); the paths have been checked against the User
 *     schemas by the loader
 * @param roles the configured roles a SCIM client may assign by adding people to the Group named
 *     like the role ({@code scim.roles}); none by default, since a {@code scim} token would
 *     otherwise grant any role to anybody
 */
public record ScimSettings(Map<String, String> userAttributes, Set<String> roles) {

  public ScimSettings {
    userAttributes = Map.copyOf(new TreeMap<>(userAttributes));
    roles = Set.copyOf(new TreeSet<>(roles));
  }

  /** Attributes read beyond the fixed mapping; no role assigned through SCIM Groups. */
  public ScimSettings(Map<String, String> userAttributes) {
    this(userAttributes, Set.of());
  }

  /** No attributes beyond the fixed mapping, and no role assignable through SCIM Groups. */
  public static ScimSettings defaults() {
    return new ScimSettings(Map.of(), Set.of());
  }
}
