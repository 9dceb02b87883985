package io.tenure.core.desired;

import io.tenure.core.identity.IdentityId;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The desired accounts of a set of identities.
 *
 * @param scope the identities this desired state speaks for; accounts of other identities (and
 *     orphans) are left alone by the planner. An account owned by an identity in scope with no
 *     desired account is treated as {@link AccountPresence#REVOKED}.
 * @param accounts the desired accounts; at most one per (target, owner)
 */
public record DesiredState(Set<IdentityId> scope, List<DesiredAccount> accounts) {

  public DesiredState {
    scope = java.util.Collections.unmodifiableSet(new TreeSet<>(scope));
    accounts = List.copyOf(accounts);
    for (DesiredAccount account : accounts) {
      if (!scope.contains(account.owner())) {
        throw new IllegalArgumentException(
            "desired account " + account.username() + " is owned outside the scope");
      }
    }
  }
}
