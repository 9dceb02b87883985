package io.tenure.engine.assignment;

import io.tenure.core.identity.IdentityId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Port: the stored assignments. Ended assignments are kept (with when, by whom and why they ended)
 * for the record; nothing is ever deleted.
 */
public interface AssignmentRepository {

  /**
   * Stores a new assignment.
   *
   * @throws IllegalStateException if one with that id exists
   */
  void insert(Assignment assignment);

  Optional<Assignment> find(AssignmentId id);

  /** The assignments of these identities active at {@code at} ({@link Assignment#isActiveAt}). */
  List<Assignment> activeFor(Collection<IdentityId> identities, Instant at);

  /** Every assignment active at {@code at}, by identity then role. */
  List<Assignment> active(Instant at);

  /** Every assignment of one identity, ended ones included, oldest first. */
  List<Assignment> of(IdentityId identity);

  /** The assignments with this origin (usually one), ended ones included. */
  List<Assignment> withOrigin(AssignmentOrigin origin);

  /**
   * The assignments not yet ended whose end ({@code validUntil}) is at or before {@code at}: they
   * grant nothing any more and wait to be recorded as ended.
   */
  List<Assignment> lapsedBy(Instant at);

  /**
   * Records the end of an assignment that has not ended yet.
   *
   * @return whether it was ended now (false if it was already ended or does not exist)
   */
  boolean end(AssignmentId id, Instant at, String by, String reason);
}
