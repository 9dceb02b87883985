package io.tenure.engine.configuration;

import java.util.List;
import java.util.Map;

/**
 * A role as configured: other roles it includes, entitlements per target name, and whether and how
 * it may be requested.
 */
public record RoleDefinition(
    String name,
    String description,
    List<String> includes,
    Map<String, List<String>> entitlements,
    RoleRequestSettings request) {

  public RoleDefinition {
    includes = List.copyOf(includes);
    entitlements = Map.copyOf(entitlements);
    java.util.Objects.requireNonNull(request, "request");
  }

  /** A role nobody can request. */
  public RoleDefinition(
      String name,
      String description,
      List<String> includes,
      Map<String, List<String>> entitlements) {
    this(name, description, includes, entitlements, RoleRequestSettings.NOT_REQUESTABLE);
  }
}
