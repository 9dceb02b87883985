package io.tenure.engine.configuration;

import java.util.Map;
import java.util.TreeMap;

/**
 * How the SCIM server reads pushed Users, beyond its fixed mapping.
 *
 * @param userAttributes identity attribute name to the SCIM attribute path of the pushed User it is
 *     read from (for example {@code costCenter} to {@code
 *     urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter}, or {@code workPhone}
 *     to {@code phoneNumbers[type eq "work"].value}); the paths have been checked against the User
 *     schemas by the loader
 */
public record ScimSettings(Map<String, String> userAttributes) {

  public ScimSettings {
    userAttributes = Map.copyOf(new TreeMap<>(userAttributes));
  }

  /** No attributes beyond the fixed mapping. */
  public static ScimSettings defaults() {
    return new ScimSettings(Map.of());
  }
}
