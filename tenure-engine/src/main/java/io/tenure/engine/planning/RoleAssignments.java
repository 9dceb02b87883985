package io.tenure.engine.planning;

import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.Reason;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Port: roles assigned to identities by hand (for example by membership of a SCIM group whose
 * displayName names a role), which planning grants on top of the birthright rules. Lifecycle still
 * rules: an identity whose lifecycle needs no account gets nothing from an assignment.
 */
@FunctionalInterface
public interface RoleAssignments {

  /** No assignments: access follows from the birthright rules alone. */
  RoleAssignments NONE = identities -> Map.of();

  /**
   * The names assigned to some of these identities, each with the root cause of the reason chain of
   * the role it grants (for example {@code "SCIM group sales (assigned by scim:okta)"}). Identities
   * with no assignment may be absent. A name that is not a configured role grants nothing. Read
   * once per planning batch.
   */
  Map<IdentityId, Map<String, Reason>> assignedTo(Collection<IdentityId> identities);

  /**
   * The names assigned by any of these sources. When several assign the same name to an identity,
   * the earlier source's reason is kept.
   */
  static RoleAssignments combined(RoleAssignments... sources) {
    java.util.List<RoleAssignments> all = java.util.List.of(sources);
    return identities -> {
      Map<IdentityId, Map<String, Reason>> merged = new HashMap<>();
      for (RoleAssignments source : all) {
        source
            .assignedTo(identities)
            .forEach(
                (identity, names) -> {
                  Map<String, Reason> into =
                      merged.computeIfAbsent(identity, key -> new TreeMap<>());
                  names.forEach(into::putIfAbsent);
                });
      }
      return merged;
    };
  }
}
