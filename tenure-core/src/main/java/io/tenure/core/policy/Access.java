package io.tenure.core.policy;

import io.tenure.core.account.TargetId;
import io.tenure.core.plan.Reason;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What policy grants one identity: the roles it holds and the entitlements it should have on each
 * target, each with one reason (when several paths grant the same thing, the reason with the fewest
 * steps, then the lexicographically smallest, is kept). All maps are sorted, so equal access
 * compares and prints equal.
 *
 * @param roles role held to why it is held, for example {@code staff -> ["role staff", "included by
 *     role engineering", "rule engineering-birthright: department == 'Engineering'"]}
 * @param entitlements target to entitlement to why it is granted, for example {@code directory ->
 *     cn=staff -> ["entitlement cn=staff", "role staff", "included by role engineering", "rule
 *     ..."]}; targets with no entitlements are absent
 */
public record Access(Map<RoleName, Reason> roles, Map<TargetId, Map<String, Reason>> entitlements) {

  public Access {
    roles = Collections.unmodifiableSortedMap(new TreeMap<>(roles));
    SortedMap<TargetId, Map<String, Reason>> sorted = new TreeMap<>();
    entitlements.forEach(
        (target, granted) -> {
          if (!granted.isEmpty()) {
            sorted.put(target, Collections.unmodifiableSortedMap(new TreeMap<>(granted)));
          }
        });
    entitlements = Collections.unmodifiableSortedMap(sorted);
  }

  /** No roles and no entitlements. */
  public static Access none() {
    return new Access(Map.of(), Map.of());
  }

  /** Whether the identity holds this role. */
  public boolean holds(RoleName role) {
    return roles.containsKey(role);
  }

  /** The entitlements on one target with their reasons, sorted; empty if none. */
  public Map<String, Reason> entitlementsOn(TargetId target) {
    return entitlements.getOrDefault(target, Map.of());
  }
}
