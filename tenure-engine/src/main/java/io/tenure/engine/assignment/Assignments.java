package io.tenure.engine.assignment;

import io.tenure.core.identity.IdentityId;
import io.tenure.core.policy.RoleName;
import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Grants and ends assignments, auditing each ({@code assignment.granted}, {@code
 * assignment.ended}). Call it inside a store transaction, so that the assignment and its audit
 * event are kept together. Nothing here touches a target: the next plan for the person provisions
 * or removes what the assignment grants.
 */
public final class Assignments {

  private final AssignmentRepository repository;
  private final AuditLog audit;
  private final Clock clock;
  private final Predicate<RoleName> configuredRole;

  /**
   * @param configuredRole whether a role is configured (an assignment of another name is refused)
   */
  public Assignments(
      AssignmentRepository repository,
      AuditLog audit,
      Clock clock,
      Predicate<RoleName> configuredRole) {
    this.repository = repository;
    this.audit = audit;
    this.clock = clock;
    this.configuredRole = configuredRole;
  }

  public AssignmentRepository repository() {
    return repository;
  }

  /**
   * Stores and audits a new assignment, valid from now (or {@code validFrom} if later) until {@code
   * validUntil} (null: no end).
   *
   * @throws IllegalArgumentException if the role is not configured or the window is empty
   */
  public Assignment grant(
      IdentityId identity,
      RoleName role,
      AssignmentOrigin origin,
      @Nullable Instant validFrom,
      @Nullable Instant validUntil,
      String actor) {
    if (!configuredRole.test(role)) {
      throw new IllegalArgumentException("no role named '" + role + "' is configured");
    }
    Instant now = clock.instant();
    Instant from = validFrom == null || validFrom.isBefore(now) ? now : validFrom;
    if (validUntil != null && !validUntil.isAfter(from)) {
      throw new IllegalArgumentException("the end " + validUntil + " is not after " + from);
    }
    Assignment assignment =
        Assignment.granted(
            AssignmentId.random(), identity, role, origin, from, validUntil, actor, now);
    repository.insert(assignment);
    Map<String, String> details = new LinkedHashMap<>();
    details.put("assignment", assignment.id().value());
    details.put("role", role.value());
    details.put("origin", origin.describe());
    details.put("owner", identity.value());
    details.put("validFrom", from.toString());
    if (validUntil != null) {
      details.put("validUntil", validUntil.toString());
    }
    audit.append(
        new AuditEvent(
            now,
            actor,
            "assignment.granted",
            "identity " + identity.value(),
            "role " + role + " from " + origin.describe(),
            "success",
            details));
    return assignment;
  }

  /**
   * Ends a running assignment now (a revocation, or the record of its lapse) and audits it.
   *
   * @return whether it was ended now (false if it had already ended or does not exist)
   */
  public boolean end(AssignmentId id, String actor, String reason) {
    Assignment assignment = repository.find(id).orElse(null);
    if (assignment == null || assignment.isEnded()) {
      return false;
    }
    Instant now = clock.instant();
    if (!repository.end(id, now, actor, reason)) {
      return false;
    }
    audit.append(
        new AuditEvent(
            now,
            actor,
            "assignment.ended",
            "identity " + assignment.identity().value(),
            reason,
            "success",
            Map.of(
                "assignment",
                id.value(),
                "role",
                assignment.role().value(),
                "origin",
                assignment.origin().describe(),
                "owner",
                assignment.identity().value())));
    return true;
  }

  /**
   * Records as ended every assignment whose end has passed ({@link AssignmentRepository#lapsedBy}),
   * with the reason {@code "ended on <validUntil>"}.
   *
   * @return the assignments ended now
   */
  public List<Assignment> endLapsed(String actor) {
    return repository.lapsedBy(clock.instant()).stream()
        .filter(lapsed -> end(lapsed.id(), actor, "ended on " + lapsed.validUntil()))
        .toList();
  }
}
