package io.tenure.core.policy;

import io.tenure.core.account.TargetId;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A named bundle of entitlements across targets, which may include other roles (holding a role
 * means holding every role it includes, transitively).
 *
 * @param name the role's name
 * @param includes the roles this role includes (validated by {@link RoleCatalog}); sorted
 * @param entitlements the entitlements this role grants, per target (for example {@code directory
 *     -> [cn=staff]}); sorted, targets with no entitlements dropped
 * @param description what the role is for, for people; may be empty
 */
public record Role(
    RoleName name,
    Set<RoleName> includes,
    Map<TargetId, Set<String>> entitlements,
    String description) {

  public Role {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    includes = Collections.unmodifiableSortedSet(new TreeSet<>(includes));
    SortedMap<TargetId, Set<String>> sorted = new TreeMap<>();
    entitlements.forEach(
        (target, values) -> {
          SortedSet<String> copy = new TreeSet<>();
          for (String value : values) {
            if (value.isBlank()) {
              throw new PolicyException(
                  "role '" + name + "' has a blank entitlement on target '" + target + "'");
            }
            copy.add(value);
          }
          if (!copy.isEmpty()) {
            sorted.put(target, Collections.unmodifiableSortedSet(copy));
          }
        });
    entitlements = Collections.unmodifiableSortedMap(sorted);
  }

  /** A role that includes nothing and has no description. */
  public static Role of(String name, Map<TargetId, Set<String>> entitlements) {
    return new Role(RoleName.of(name), Set.of(), entitlements, "");
  }

  /** A copy of this role that also includes {@code included}. */
  public Role withIncludes(RoleName... included) {
    Set<RoleName> more = new TreeSet<>(includes);
    more.addAll(Set.of(included));
    return new Role(name, more, entitlements, description);
  }
}
