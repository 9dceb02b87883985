package io.tenure.configuration;

import static io.tenure.configuration.NodeReader.quote;

import io.tenure.configuration.YamlTree.Location;
import io.tenure.engine.configuration.RoleDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code roles.NAME: {description, includes, entitlements: {target: [values]}}}: named bundles of
 * entitlements. An included role must be configured, and no role may include itself through its
 * included roles; entitlements must be on configured targets.
 */
final class RoleBinder {

  private static final Set<String> KEYS = Set.of("description", "includes", "entitlements");

  private RoleBinder() {}

  /** The roles in file order, each role that is a mapping (even one with problems). */
  static List<RoleDefinition> bind(MappingReader top, Set<String> targetNames) {
    MappingReader roles = top.optionalMapping("roles");
    if (roles == null) {
      return List.of();
    }
    List<RoleDefinition> definitions = new ArrayList<>();
    Map<String, Location> includeLocations = new HashMap<>();
    roles
        .entries()
        .forEach(
            (name, entry) -> {
              MappingReader role = roles.reader().mapping(entry.value(), roles.pathOf(name));
              if (role == null) {
                return;
              }
              role.onlyKeys(KEYS);
              String description = role.optionalString("description");
              List<String> includes = role.optionalStrings("includes");
              for (String included : includes == null ? List.<String>of() : includes) {
                if (!roles.has(included)) {
                  role.problemAt("includes", "no role named " + quote(included));
                }
              }
              if (includes != null) {
                includeLocations.put(name, role.valueLocation("includes"));
              }
              definitions.add(
                  new RoleDefinition(
                      name,
                      description == null ? "" : description,
                      includes == null ? List.of() : includes,
                      entitlements(role, targetNames)));
            });
    checkIncludeCycles(roles.reader(), definitions, includeLocations);
    return definitions;
  }

  /** {@code entitlements: {target: [values]}}, each target a configured one. */
  private static Map<String, List<String>> entitlements(
      MappingReader role, Set<String> targetNames) {
    Map<String, List<String>> entitlements = new LinkedHashMap<>();
    MappingReader byTarget = role.optionalMapping("entitlements");
    if (byTarget == null) {
      return entitlements;
    }
    byTarget
        .entries()
        .forEach(
            (target, entry) -> {
              String path = byTarget.pathOf(target);
              if (!targetNames.contains(target)) {
                byTarget
                    .reader()
                    .problem(entry.key().location(), path, "no target named " + quote(target));
              }
              List<String> values = byTarget.reader().strings(entry.value(), path);
              if (values != null) {
                entitlements.put(target, values);
              }
            });
    return entitlements;
  }

  private static void checkIncludeCycles(
      NodeReader reader, List<RoleDefinition> roles, Map<String, Location> includeLocations) {
    Map<String, List<String>> includes = new HashMap<>();
    roles.forEach(role -> includes.put(role.name(), role.includes()));
    for (RoleDefinition role : roles) {
      if (reaches(role.name(), role.name(), includes, new HashSet<>())) {
        reader.problem(
            includeLocations.getOrDefault(role.name(), new Location(1, 1)),
            "roles." + role.name() + ".includes",
            "role " + quote(role.name()) + " includes itself through its included roles");
      }
    }
  }

  private static boolean reaches(
      String from, String wanted, Map<String, List<String>> includes, Set<String> seen) {
    for (String next : includes.getOrDefault(from, List.of())) {
      if (next.equals(wanted)) {
        return true;
      }
      if (seen.add(next) && reaches(next, wanted, includes, seen)) {
        return true;
      }
    }
    return false;
  }
}
