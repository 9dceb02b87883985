package io.tenure.engine.configuration;

import java.util.List;
import java.util.Map;

/** A role as configured: other roles it includes, and entitlements per target name. */
public record RoleDefinition(
    String name,
    String description,
    List<String> includes,
    Map<String, List<String>> entitlements) {

  public RoleDefinition {
    includes = List.copyOf(includes);
    entitlements = Map.copyOf(entitlements);
  }
}
