package io.tenure.governance.request;

import io.tenure.core.identity.IdentityId;
import io.tenure.core.policy.RoleName;
import io.tenure.engine.assignment.AssignmentId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request for a role for one person, and where it is. Immutable: each transition is a copy.
 *
 * @param id {@code R-12}
 * @param beneficiary who gets the role
 * @param beneficiaryEmployeeId the beneficiary's employee id
 * @param role the role asked for
 * @param requester who asked ({@code person:E1100}, {@code cli:root}, ...)
 * @param requesterEmployeeId the requester's employee id when a person asked, else null
 * @param justification why
 * @param until the end of the access asked for (exclusive), or null for none
 * @param state where it is
 * @param chain the approval chain (step words and employee ids), empty when none
 * @param step the index of the current step in {@code chain}
 * @param approvers the employee ids who may decide the current step
 * @param stepDeadline when the current step escalates (or, escalated, expires), or null
 * @param escalated whether the current step has been escalated
 * @param sodRule the separation-of-duties rule this request is an exception to, or null
 * @param assignment the assignment an approval made, or null
 * @param beneficiaryManager the beneficiary's manager (employee id) when the access was granted or
 *     last confirmed, or null: a different manager later is a transfer
 * @param createdAt when it was filed
 * @param updatedAt when it last changed
 * @param outcome the last decision's comment, or the error of a failure; may be empty
 */
public record AccessRequest(
    RequestId id,
    IdentityId beneficiary,
    String beneficiaryEmployeeId,
    RoleName role,
    String requester,
    @Nullable String requesterEmployeeId,
    String justification,
    @Nullable Instant until,
    RequestState state,
    List<String> chain,
    int step,
    List<String> approvers,
    @Nullable Instant stepDeadline,
    boolean escalated,
    @Nullable String sodRule,
    @Nullable AssignmentId assignment,
    @Nullable String beneficiaryManager,
    Instant createdAt,
    Instant updatedAt,
    String outcome) {

  public AccessRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(beneficiary, "beneficiary");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(state, "state");
    chain = List.copyOf(chain);
    approvers = List.copyOf(approvers);
  }

  /** Whether it is an exception to a separation-of-duties rule. */
  public boolean isException() {
    return sodRule != null;
  }

  /** The current step's word or employee id, or {@code "none"} when there is no step. */
  public String stepName() {
    return step < chain.size() ? chain.get(step) : "none";
  }

  /** A copy in another state, changed at {@code at}, with an outcome text. */
  public AccessRequest withState(RequestState newState, Instant at, String newOutcome) {
    return new AccessRequest(
        id,
        beneficiary,
        beneficiaryEmployeeId,
        role,
        requester,
        requesterEmployeeId,
        justification,
        until,
        newState,
        chain,
        step,
        newState == RequestState.PENDING ? approvers : List.of(),
        newState == RequestState.PENDING ? stepDeadline : null,
        escalated,
        sodRule,
        assignment,
        beneficiaryManager,
        createdAt,
        at,
        newOutcome);
  }

  /**
   * A copy in the same state with no open step (no approvers, no deadline, not escalated), the
   * beneficiary's manager as given, changed at {@code at}, with an outcome text: what a decided
   * review of moved access leaves.
   */
  public AccessRequest withoutOpenStep(@Nullable String manager, Instant at, String newOutcome) {
    return new AccessRequest(
        id,
        beneficiary,
        beneficiaryEmployeeId,
        role,
        requester,
        requesterEmployeeId,
        justification,
        until,
        state,
        chain,
        step,
        List.of(),
        null,
        false,
        sodRule,
        assignment,
        manager,
        createdAt,
        at,
        newOutcome);
  }

  /** A copy waiting at step {@code newStep} for these approvers until the deadline. */
  public AccessRequest atStep(
      int newStep,
      List<String> newApprovers,
      Instant deadline,
      boolean isEscalated,
      Instant at,
      String newOutcome) {
    return new AccessRequest(
        id,
        beneficiary,
        beneficiaryEmployeeId,
        role,
        requester,
        requesterEmployeeId,
        justification,
        until,
        RequestState.PENDING,
        chain,
        newStep,
        newApprovers,
        deadline,
        isEscalated,
        sodRule,
        assignment,
        beneficiaryManager,
        createdAt,
        at,
        newOutcome);
  }

  /** An approved copy holding the assignment it made. */
  public AccessRequest approved(AssignmentId made, @Nullable String manager, Instant at, String c) {
    return new AccessRequest(
        id,
        beneficiary,
        beneficiaryEmployeeId,
        role,
        requester,
        requesterEmployeeId,
        justification,
        until,
        RequestState.APPROVED,
        chain,
        step,
        List.of(),
        null,
        escalated,
        sodRule,
        made,
        manager,
        createdAt,
        at,
        c);
  }

  /** A copy whose access was confirmed (or reviewed) under this manager. */
  public AccessRequest withBeneficiaryManager(@Nullable String manager, Instant at) {
    return new AccessRequest(
        id,
        beneficiary,
        beneficiaryEmployeeId,
        role,
        requester,
        requesterEmployeeId,
        justification,
        until,
        state,
        chain,
        step,
        approvers,
        stepDeadline,
        escalated,
        sodRule,
        assignment,
        manager,
        createdAt,
        at,
        outcome);
  }
}
