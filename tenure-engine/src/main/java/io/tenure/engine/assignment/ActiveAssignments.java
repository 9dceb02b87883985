package io.tenure.engine.assignment;

import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.Reason;
import io.tenure.engine.planning.RoleAssignments;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The roles of the assignments active now, for planning: each role with the assignment's origin as
 * the root of its reason chain ({@link Assignment#reason()}). When two active assignments give a
 * person the same role, the one that ends last (or never) is the reason.
 */
public final class ActiveAssignments implements RoleAssignments {

  private final AssignmentRepository repository;
  private final Clock clock;

  public ActiveAssignments(AssignmentRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  @Override
  public Map<IdentityId, Map<String, Reason>> assignedTo(Collection<IdentityId> identities) {
    if (identities.isEmpty()) {
      return Map.of();
    }
    Map<IdentityId, Map<String, Assignment>> chosen = new HashMap<>();
    for (Assignment assignment : repository.activeFor(identities, clock.instant())) {
      chosen
          .computeIfAbsent(assignment.identity(), key -> new TreeMap<>())
          .merge(assignment.role().value(), assignment, ActiveAssignments::lastingLonger);
    }
    Map<IdentityId, Map<String, Reason>> assigned = new HashMap<>();
    chosen.forEach(
        (identity, roles) -> {
          Map<String, Reason> reasons = new TreeMap<>();
          roles.forEach((role, assignment) -> reasons.put(role, assignment.reason()));
          assigned.put(identity, reasons);
        });
    return assigned;
  }

  private static Assignment lastingLonger(Assignment first, Assignment second) {
    if (first.validUntil() == null) {
      return first;
    }
    if (second.validUntil() == null) {
      return second;
    }
    int compared = first.validUntil().compareTo(second.validUntil());
    if (compared != 0) {
      return compared > 0 ? first : second;
    }
    return first.id().compareTo(second.id()) <= 0 ? first : second;
  }
}
