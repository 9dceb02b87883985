package io.tenure.core.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * All configured roles, validated when built: names are unique, every included role exists, and
 * includes form no cycle. Resolves a role to its transitive closure. Immutable and thread-safe.
 */
public final class RoleCatalog {

  private final SortedMap<RoleName, Role> roles;
  private final Map<RoleName, List<IncludedRole>> closures;

  /**
   * A catalog of the given roles.
   *
   * @throws PolicyException if two roles share a name, a role includes a role that does not exist
   *     (naming both), or roles include each other in a cycle (naming the cycle)
   */
  public RoleCatalog(Collection<Role> roles) {
    SortedMap<RoleName, Role> byName = new TreeMap<>();
    for (Role role : roles) {
      if (byName.putIfAbsent(role.name(), role) != null) {
        throw new PolicyException("role '" + role.name() + "' is defined twice");
      }
    }
    for (Role role : byName.values()) {
      for (RoleName included : role.includes()) {
        if (!byName.containsKey(included)) {
          throw new PolicyException(
              "role '" + role.name() + "' includes unknown role '" + included + "'");
        }
      }
    }
    rejectCycles(byName);
    this.roles = Collections.unmodifiableSortedMap(byName);
    Map<RoleName, List<IncludedRole>> computed = new HashMap<>();
    for (RoleName name : byName.keySet()) {
      computed.put(name, computeClosure(byName, name));
    }
    this.closures = Map.copyOf(computed);
  }

  /** A catalog of the given roles; see {@link #RoleCatalog(Collection)}. */
  public static RoleCatalog of(Role... roles) {
    return new RoleCatalog(List.of(roles));
  }

  /** The role with this name, if any. */
  public Optional<Role> find(RoleName name) {
    return Optional.ofNullable(roles.get(name));
  }

  /** Whether a role with this name exists. */
  public boolean contains(RoleName name) {
    return roles.containsKey(name);
  }

  /** The role names, sorted. */
  public SortedSet<RoleName> names() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(roles.keySet()));
  }

  /** The roles, sorted by name. */
  public List<Role> roles() {
    return List.copyOf(roles.values());
  }

  /**
   * The role and every role it includes, transitively, each with the shortest chain of includes
   * that brings it in (ties broken by role name, so the result is deterministic). The role itself
   * comes first; the others follow in breadth-first order (nearer first, then by name).
   *
   * @throws PolicyException if there is no such role
   */
  public List<IncludedRole> closure(RoleName name) {
    List<IncludedRole> closure = closures.get(name);
    if (closure == null) {
      throw new PolicyException("unknown role '" + name + "'");
    }
    return closure;
  }

  /**
   * Breadth-first, one level at a time with each level sorted by name: the first role of a level to
   * reach an unseen role is its nearest includer with the smallest name, which makes every chain
   * the shortest and, among the shortest, the lexicographically smallest.
   */
  private static List<IncludedRole> computeClosure(Map<RoleName, Role> roles, RoleName root) {
    Map<RoleName, IncludedRole> reached = new LinkedHashMap<>();
    reached.put(root, new IncludedRole(root, List.of()));
    List<IncludedRole> level = List.of(reached.get(root));
    while (!level.isEmpty()) {
      List<IncludedRole> nextLevel = new ArrayList<>();
      for (IncludedRole current : level) {
        for (RoleName included : roles.get(current.role()).includes()) {
          if (!reached.containsKey(included)) {
            List<RoleName> chain = new ArrayList<>(current.includedBy().size() + 1);
            chain.add(current.role());
            chain.addAll(current.includedBy());
            IncludedRole next = new IncludedRole(included, chain);
            nextLevel.add(next);
            reached.put(included, next);
          }
        }
      }
      nextLevel.sort(Comparator.comparing(IncludedRole::role));
      level = nextLevel;
    }
    List<IncludedRole> closure = new ArrayList<>(reached.values());
    closure.sort(
        Comparator.<IncludedRole>comparingInt(role -> role.includedBy().size())
            .thenComparing(IncludedRole::role));
    return List.copyOf(closure);
  }

  private static void rejectCycles(SortedMap<RoleName, Role> roles) {
    Map<RoleName, Boolean> finished = new HashMap<>();
    for (RoleName name : roles.keySet()) {
      List<RoleName> path = new ArrayList<>();
      findCycle(roles, name, path, finished);
    }
  }

  /** Depth-first search; {@code finished} maps a role to true once all its includes are done. */
  private static void findCycle(
      Map<RoleName, Role> roles,
      RoleName name,
      List<RoleName> path,
      Map<RoleName, Boolean> finished) {
    if (Boolean.TRUE.equals(finished.get(name))) {
      return;
    }
    int onPath = path.indexOf(name);
    if (onPath >= 0) {
      List<RoleName> cycle = new ArrayList<>(path.subList(onPath, path.size()));
      cycle.add(name);
      throw new PolicyException(
          "roles include each other in a cycle: "
              + cycle.stream().map(RoleName::value).collect(Collectors.joining(" -> ")));
    }
    path.add(name);
    for (RoleName included : roles.get(name).includes()) {
      findCycle(roles, included, path, finished);
    }
    path.remove(path.size() - 1);
    finished.put(name, true);
  }

  @Override
  public String toString() {
    return "RoleCatalog" + roles.keySet();
  }
}
