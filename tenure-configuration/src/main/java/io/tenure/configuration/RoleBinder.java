package io.tenure.configuration;

import static io.tenure.configuration.NodeReader.quote;

import io.tenure.configuration.YamlTree.Location;
import io.tenure.engine.configuration.RoleDefinition;
import io.tenure.engine.configuration.RoleRequestSettings;
import io.tenure.engine.configuration.RoleRequestSettings.OnMove;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code roles.NAME: {description, includes, entitlements: {target: [values]}, requestable, owner,
 * approval, maxDuration, approvalTimeout, remindBefore, onMove}}: named bundles of entitlements,
 * and how they may be requested. An included role must be configured, and no role may include
 * itself through its included roles; entitlements must be on configured targets.
 */
final class RoleBinder {

  private static final Set<String> KEYS =
      Set.of(
          "description",
          "includes",
          "entitlements",
          "requestable",
          "owner",
          "approval",
          "maxDuration",
          "approvalTimeout",
          "remindBefore",
          "onMove");

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
                      entitlements(role, targetNames),
                      request(role)));
            });
    checkIncludeCycles(roles.reader(), definitions, includeLocations);
    return definitions;
  }

  /**
   * {@code requestable, owner, approval, maxDuration, approvalTimeout, remindBefore, onMove}: how
   * the role may be requested. An {@code owner} step needs an owner; {@code none} stands alone.
   */
  private static RoleRequestSettings request(MappingReader role) {
    boolean requestable = role.bool("requestable", false);
    List<String> owners = role.optionalStrings("owner");
    owners = owners == null ? List.of() : owners;
    List<String> approval = approval(role, "approval", owners, List.of("manager", "owner"));
    if (approval.contains("owner") && owners.isEmpty() && role.has("approval") && !requestable) {
      role.problemAt("approval", "the owner step needs the role's owner: set owner");
    }
    Duration maxDuration = positive(role, "maxDuration", null);
    Duration timeout = positive(role, "approvalTimeout", RoleRequestSettings.THREE_DAYS);
    Duration remind = role.duration("remindBefore", RoleRequestSettings.THREE_DAYS);
    OnMove onMove = OnMove.REVIEW;
    String move = role.optionalString("onMove");
    if (move != null) {
      try {
        onMove = OnMove.valueOf(move.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        role.problemAt("onMove", quote(move) + " is not keep, review or revoke");
      }
    }
    if (requestable && approval.contains("owner") && owners.isEmpty()) {
      role.problemAt(
          role.has("approval") ? "approval" : "requestable",
          "a requestable role approved by its owner needs an owner (set owner, or approval)");
    }
    return new RoleRequestSettings(
        requestable, owners, approval, maxDuration, timeout, remind, onMove);
  }

  /**
   * An approval chain under {@code key}: {@code manager}, {@code owner}, {@code manager-of-manager}
   * or an employee id, in order; {@code none} alone for no approval. Absent: {@code defaults}.
   */
  static List<String> approval(
      MappingReader mapping, String key, List<String> owners, List<String> defaults) {
    List<String> steps = mapping.optionalStrings(key);
    if (steps == null) {
      return defaults;
    }
    if (steps.equals(List.of("none"))) {
      return List.of();
    }
    List<String> chain = new ArrayList<>();
    for (String step : steps) {
      String word = step.trim();
      if (word.equals("none")) {
        mapping.problemAt(key, "none stands alone: it means no approval");
      } else if (word.isEmpty() || word.contains(" ")) {
        mapping.problemAt(
            key,
            quote(step) + " is not manager, owner, manager-of-manager, none or an employee id");
      } else {
        chain.add(word);
      }
    }
    if (steps.isEmpty()) {
      mapping.problemAt(key, "must name at least one step, or none");
    }
    return chain;
  }

  /** The duration of {@code key} if it is given and longer than zero, else the default. */
  private static @Nullable Duration positive(
      MappingReader role, String key, @Nullable Duration defaultValue) {
    if (!role.has(key)) {
      return defaultValue;
    }
    Duration unreadable = Duration.ofNanos(-1);
    Duration value = role.duration(key, unreadable);
    if (value.isNegative()) {
      return defaultValue; // reported by duration()
    }
    if (value.isZero()) {
      role.problemAt(key, "must be longer than zero");
      return defaultValue;
    }
    return value;
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
