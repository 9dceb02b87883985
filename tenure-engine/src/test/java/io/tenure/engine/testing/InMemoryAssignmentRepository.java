package io.tenure.engine.testing;

import io.tenure.core.identity.IdentityId;
import io.tenure.engine.assignment.Assignment;
import io.tenure.engine.assignment.AssignmentId;
import io.tenure.engine.assignment.AssignmentOrigin;
import io.tenure.engine.assignment.AssignmentRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Assignments in a map, for fast tests. */
public final class InMemoryAssignmentRepository implements AssignmentRepository {

  private final Map<AssignmentId, Assignment> assignments = new LinkedHashMap<>();

  @Override
  public synchronized void insert(Assignment assignment) {
    if (assignments.putIfAbsent(assignment.id(), assignment) != null) {
      throw new IllegalStateException("assignment " + assignment.id() + " exists");
    }
  }

  @Override
  public synchronized Optional<Assignment> find(AssignmentId id) {
    return Optional.ofNullable(assignments.get(id));
  }

  @Override
  public synchronized List<Assignment> activeFor(Collection<IdentityId> identities, Instant at) {
    Set<IdentityId> wanted = Set.copyOf(identities);
    return assignments.values().stream()
        .filter(a -> wanted.contains(a.identity()) && a.isActiveAt(at))
        .toList();
  }

  @Override
  public synchronized List<Assignment> active(Instant at) {
    return assignments.values().stream()
        .filter(a -> a.isActiveAt(at))
        .sorted(
            Comparator.comparing(Assignment::identity, Comparator.comparing(IdentityId::value))
                .thenComparing(a -> a.role().value()))
        .toList();
  }

  @Override
  public synchronized List<Assignment> of(IdentityId identity) {
    return assignments.values().stream().filter(a -> a.identity().equals(identity)).toList();
  }

  @Override
  public synchronized List<Assignment> withOrigin(AssignmentOrigin origin) {
    return assignments.values().stream().filter(a -> a.origin().equals(origin)).toList();
  }

  @Override
  public synchronized List<Assignment> lapsedBy(Instant at) {
    return assignments.values().stream()
        .filter(a -> !a.isEnded() && a.validUntil() != null && !a.validUntil().isAfter(at))
        .toList();
  }

  @Override
  public synchronized boolean end(AssignmentId id, Instant at, String by, String reason) {
    Assignment assignment = assignments.get(id);
    if (assignment == null || assignment.isEnded()) {
      return false;
    }
    assignments.put(id, assignment.endedAt(at, by, reason));
    return true;
  }
}
