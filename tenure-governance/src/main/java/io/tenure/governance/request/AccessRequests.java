package io.tenure.governance.request;

import io.tenure.core.identity.Identity;
import io.tenure.core.policy.RoleName;
import io.tenure.engine.assignment.Assignment;
import io.tenure.engine.assignment.AssignmentOrigin;
import io.tenure.engine.configuration.RoleRequestSettings;
import io.tenure.engine.configuration.SodRuleDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Files and decides access requests. Every change of a request is stored with its history entry and
 * audit event in one transaction; notifications and provisioning follow once it has committed.
 *
 * <p>Filing checks, before anything is stored: the person and role exist, the role is requestable,
 * the requester may ask for that person (themselves, someone in their reporting line, or anyone as
 * an operator), the end date is in the future and within the role's {@code maxDuration} (a role
 * with a maximum and no end date asked for gets the maximum), nobody holds or asks for it already,
 * and no separation-of-duties rule is broken (a rule that allows exceptions routes the request to
 * its exception approval, which needs a justification and an end date). Bad input is an {@link
 * IllegalArgumentException}; a request that is not allowed a {@link RequestRefusedException}.
 *
 * <p>An approval of the last step (or filing a request that needs none) grants an assignment whose
 * origin is the request, then provisions it through {@link AccessChanges}: the request becomes
 * {@code PROVISIONED}, or {@code FAILED} with the error.
 */
public final class AccessRequests {

  private final RequestEnvironment environment;
  private final Approvers approvers;

  public AccessRequests(RequestEnvironment environment) {
    this.environment = environment;
    this.approvers = new Approvers(environment.people());
  }

  /** The stored request. */
  public AccessRequest get(RequestId id) {
    return environment
        .transactions()
        .inTransaction(() -> environment.requests().find(id))
        .orElseThrow(() -> new IllegalArgumentException("no request " + id));
  }

  /** A request's history, oldest first. */
  public List<RequestEvent> history(RequestId id) {
    return environment.transactions().inTransaction(() -> environment.requests().events(id));
  }

  /** Requests newest first (see {@link RequestRepository#list}). */
  public List<AccessRequest> list(
      @Nullable RequestState state,
      @Nullable String approver,
      @Nullable String beneficiary,
      int limit) {
    return environment
        .transactions()
        .inTransaction(() -> environment.requests().list(state, approver, beneficiary, limit));
  }

  /**
   * Files a request.
   *
   * @param until the last day of access (it ends when the day ends in the environment's zone), or
   *     null
   * @return the request as stored after filing (pending, or already provisioned or failed when no
   *     approval was needed)
   */
  public AccessRequest create(
      RequestActor requester,
      String beneficiaryEmployeeId,
      String roleName,
      String justification,
      @Nullable LocalDate until) {
    if (justification.isBlank()) {
      throw new IllegalArgumentException("a request needs a reason (--reason)");
    }
    AccessRequest filed =
        environment
            .transactions()
            .inTransaction(
                () ->
                    file(requester, beneficiaryEmployeeId, roleName, justification.strip(), until));
    return afterStep(filed, requester.label());
  }

  private AccessRequest file(
      RequestActor requester,
      String beneficiaryEmployeeId,
      String roleName,
      String justification,
      @Nullable LocalDate untilDay) {
    Identity beneficiary = environment.people().require(beneficiaryEmployeeId);
    RoleName role = RoleName.of(roleName);
    if (environment.policy().policy().roles().find(role).isEmpty()) {
      throw new IllegalArgumentException("no role named '" + roleName + "'");
    }
    RoleRequestSettings settings = environment.settings(role);
    if (!settings.requestable()) {
      throw new IllegalArgumentException("role '" + roleName + "' is not requestable");
    }
    if (requester.employeeId() != null) {
      environment.people().require(requester.employeeId());
    }
    if (!requester.operator()
        && !beneficiaryEmployeeId.equals(requester.employeeId())
        && (requester.employeeId() == null
            || !environment.people().manages(requester.employeeId(), beneficiary))) {
      throw new RequestRefusedException(
          requester.label()
              + " may request only for themselves and the people in their reporting line, not for "
              + beneficiaryEmployeeId);
    }
    Instant now = environment.clock().instant();
    Instant until = untilDay == null ? null : endOf(untilDay);
    if (until != null && !until.isAfter(now)) {
      throw new IllegalArgumentException("the end date " + untilDay + " has passed");
    }
    if (settings.maxDuration() != null) {
      Instant longest = now.plus(settings.maxDuration());
      if (until == null) {
        until = longest;
      } else if (until.isAfter(longest)) {
        throw new IllegalArgumentException(
            "role '"
                + roleName
                + "' may be granted for at most "
                + settings.maxDuration().toDays()
                + " days (maxDuration "
                + settings.maxDuration()
                + "): the end date "
                + untilDay
                + " is later");
      }
    }
    Set<RoleName> held = environment.rolesOf(beneficiary);
    if (held.contains(role)) {
      throw new RequestRefusedException(
          beneficiaryEmployeeId
              + " already holds "
              + roleName
              + " ("
              + environment.explanation().explain(beneficiary).access().roles().get(role)
              + ")");
    }
    boolean open =
        !environment
            .requests()
            .list(RequestState.PENDING, null, beneficiaryEmployeeId, 1000)
            .stream()
            .filter(request -> request.role().equals(role))
            .toList()
            .isEmpty();
    if (open) {
      throw new RequestRefusedException(
          "a request for " + roleName + " for " + beneficiaryEmployeeId + " is already pending");
    }
    List<SodRules.Conflict> conflicts = environment.sod().createdBy(role, held);
    List<String> chain = settings.approval();
    String exceptionTo = null;
    if (!conflicts.isEmpty()) {
      Optional<SodRules.Conflict> forbidden =
          conflicts.stream().filter(conflict -> !conflict.rule().exceptions()).findFirst();
      if (forbidden.isPresent()) {
        throw new RequestRefusedException(
            "refused by separation-of-duties rule "
                + forbidden.get().describe()
                + ": "
                + beneficiaryEmployeeId
                + " would hold them together");
      }
      if (untilDay == null) {
        throw new IllegalArgumentException(
            "the request conflicts with separation-of-duties rule "
                + conflicts.get(0).describe()
                + ", which allows exceptions only with an end date (--until) and a justification");
      }
      SodRuleDefinition rule = conflicts.get(0).rule();
      exceptionTo =
          String.join(",", conflicts.stream().map(conflict -> conflict.rule().name()).toList());
      chain = rule.approval();
    }
    AccessRequest request =
        new AccessRequest(
            environment.requests().nextId(),
            beneficiary.id(),
            beneficiaryEmployeeId,
            role,
            requester.label(),
            requester.employeeId(),
            justification,
            until,
            RequestState.PENDING,
            chain,
            0,
            List.of(),
            null,
            false,
            exceptionTo,
            null,
            People.managerId(beneficiary).orElse(null),
            now,
            now,
            "");
    environment.requests().insert(request);
    environment
        .requests()
        .appendEvent(
            request.id(), new RequestEvent(now, requester.label(), "submitted", "", justification));
    environment.audit(
        requester.label(),
        "request.submitted",
        request,
        justification,
        "success",
        exceptionTo == null
            ? Map.of("via", requester.via())
            : Map.of("via", requester.via(), "sodException", exceptionTo));
    return enterStep(request, 0, requester.label());
  }

  /**
   * Approves the current step as {@code approver} (or, for access under a transfer review, confirms
   * it).
   *
   * @throws RequestRefusedException if the approver is not one of the step's, or is the requester
   *     or the beneficiary
   */
  public AccessRequest approve(RequestId id, RequestActor approver, String comment) {
    AccessRequest decided =
        environment
            .transactions()
            .inTransaction(
                () -> {
                  AccessRequest request = decidable(id, approver);
                  Instant now = environment.clock().instant();
                  String actor = approver.label();
                  if (request.state() != RequestState.PENDING) {
                    return confirmReview(request, actor, comment, now);
                  }
                  environment
                      .requests()
                      .appendEvent(
                          id,
                          new RequestEvent(now, actor, "approved", request.stepName(), comment));
                  environment.audit(
                      actor,
                      "request.approved",
                      request,
                      comment.isBlank() ? "step " + request.stepName() : comment,
                      "success",
                      Map.of("step", request.stepName(), "via", approver.via()));
                  return enterStep(request, request.step() + 1, actor);
                });
    return afterStep(decided, approver.label());
  }

  /** Rejects the request (or revokes access under a transfer review); a comment is required. */
  public AccessRequest reject(RequestId id, RequestActor approver, String comment) {
    if (comment.isBlank()) {
      throw new IllegalArgumentException("a rejection needs a comment (--comment)");
    }
    RequestWork.Revoked revoked = new RequestWork.Revoked();
    AccessRequest decided =
        environment
            .transactions()
            .inTransaction(
                () -> {
                  AccessRequest request = decidable(id, approver);
                  Instant now = environment.clock().instant();
                  String actor = approver.label();
                  if (request.state() != RequestState.PENDING) {
                    return RequestWork.revoke(
                        environment, request, actor, "review rejected: " + comment, revoked);
                  }
                  AccessRequest rejected = request.withState(RequestState.REJECTED, now, comment);
                  environment.requests().update(rejected);
                  environment
                      .requests()
                      .appendEvent(
                          id,
                          new RequestEvent(now, actor, "rejected", request.stepName(), comment));
                  environment.audit(
                      actor,
                      "request.rejected",
                      rejected,
                      comment,
                      "rejected",
                      Map.of("step", request.stepName(), "via", approver.via()));
                  return rejected;
                });
    if (decided.state() == RequestState.REJECTED) {
      environment.tell(
          RequestNotifier.Kind.DECIDED,
          decided,
          requesterAndBeneficiary(decided),
          "Request "
              + decided.id()
              + " for "
              + decided.role()
              + " for "
              + decided.beneficiaryEmployeeId()
              + " was rejected by "
              + approver.label()
              + ": "
              + comment);
    } else {
      revoked.provision(environment, approver.label());
    }
    return decided;
  }

  /** Cancels a pending request: its requester, its beneficiary or an operator may. */
  public AccessRequest cancel(RequestId id, RequestActor actor, String reason) {
    return environment
        .transactions()
        .inTransaction(
            () -> {
              AccessRequest request =
                  environment
                      .requests()
                      .find(id)
                      .orElseThrow(() -> new IllegalArgumentException("no request " + id));
              if (request.state() != RequestState.PENDING) {
                throw new RequestRefusedException(
                    id
                        + " is "
                        + request.state().label()
                        + ": only a pending request is cancelled");
              }
              boolean own =
                  actor.employeeId() != null
                      && (actor.employeeId().equals(request.requesterEmployeeId())
                          || actor.employeeId().equals(request.beneficiaryEmployeeId()));
              if (!actor.operator() && !own) {
                throw new RequestRefusedException(
                    actor.label()
                        + " may not cancel "
                        + id
                        + " (not its requester nor beneficiary)");
              }
              Instant now = environment.clock().instant();
              AccessRequest cancelled = request.withState(RequestState.CANCELLED, now, reason);
              environment.requests().update(cancelled);
              environment
                  .requests()
                  .appendEvent(id, new RequestEvent(now, actor.label(), "cancelled", "", reason));
              environment.audit(
                  actor.label(),
                  "request.cancelled",
                  cancelled,
                  reason.isBlank() ? "cancelled" : reason,
                  "success",
                  Map.of("via", actor.via()));
              return cancelled;
            });
  }

  /** The request, if {@code approver} may decide it now. */
  private AccessRequest decidable(RequestId id, RequestActor approver) {
    AccessRequest request =
        environment
            .requests()
            .find(id)
            .orElseThrow(() -> new IllegalArgumentException("no request " + id));
    boolean underReview = !request.state().isFinal() && !request.approvers().isEmpty();
    boolean reviewed =
        request.state() == RequestState.PROVISIONED && !request.approvers().isEmpty();
    if (!(request.state() == RequestState.PENDING || underReview || reviewed)) {
      throw new RequestRefusedException(
          id + " is " + request.state().label() + ": there is nothing to decide");
    }
    String who = approver.employeeId();
    if (who == null) {
      throw new IllegalArgumentException(
          "a decision is a person's: say who decides (--as EMPLOYEE_ID)");
    }
    if (who.equals(request.requesterEmployeeId()) || who.equals(request.beneficiaryEmployeeId())) {
      throw new RequestRefusedException(
          "self-approval is refused: " + who + " requested or benefits from " + id);
    }
    if (!request.approvers().contains(who)) {
      throw new RequestRefusedException(
          who
              + " is not an approver of the current step of "
              + id
              + " ("
              + request.stepName()
              + ": "
              + String.join(", ", request.approvers())
              + ")");
    }
    return request;
  }

  /**
   * Moves the request to step {@code step}: waits for its approvers, or, past the last step,
   * approves it and grants the assignment. Inside the caller's transaction.
   */
  private AccessRequest enterStep(AccessRequest request, int step, String actor) {
    Instant now = environment.clock().instant();
    if (step < request.chain().size()) {
      Identity beneficiary =
          environment
              .people()
              .find(request.beneficiary())
              .orElseThrow(() -> new IllegalStateException("the beneficiary is gone"));
      List<String> owners = environment.settings(request.role()).owners();
      List<String> next = approvers.of(request.chain().get(step), beneficiary, owners, request);
      Duration timeout = environment.settings(request.role()).approvalTimeout();
      AccessRequest waiting = request.atStep(step, next, now.plus(timeout), false, now, "");
      environment.requests().update(waiting);
      return waiting;
    }
    Assignment granted =
        environment
            .assignments()
            .grant(
                request.beneficiary(),
                request.role(),
                request.isException()
                    ? AssignmentOrigin.exception(request.id().value())
                    : AssignmentOrigin.request(request.id().value()),
                null,
                request.until(),
                actor);
    String manager =
        environment.people().find(request.beneficiary()).flatMap(People::managerId).orElse(null);
    AccessRequest approved = request.approved(granted.id(), manager, now, "approved");
    environment.requests().update(approved);
    environment
        .requests()
        .appendEvent(
            request.id(),
            new RequestEvent(now, actor, "granted", "", "assignment " + granted.id().value()));
    environment.audit(actor, "request.granted", approved, "approved", "success");
    return approved;
  }

  /**
   * After the transaction of a step: tells the new approvers, or provisions an approved request and
   * records what came of it.
   */
  private AccessRequest afterStep(AccessRequest request, String actor) {
    if (request.state() == RequestState.PENDING) {
      environment.tell(
          RequestNotifier.Kind.PENDING,
          request,
          request.approvers(),
          "Request "
              + request.id()
              + " asks for "
              + request.role()
              + " for "
              + request.beneficiaryEmployeeId()
              + " ("
              + request.justification()
              + "); step "
              + request.stepName()
              + " waits for you"
              + (request.isException() ? " (separation-of-duties exception)" : ""));
      return request;
    }
    if (request.state() != RequestState.APPROVED) {
      return request;
    }
    environment.tell(
        RequestNotifier.Kind.DECIDED,
        request,
        requesterAndBeneficiary(request),
        "Request "
            + request.id()
            + " for "
            + request.role()
            + " for "
            + request.beneficiaryEmployeeId()
            + " was approved");
    return provision(environment, request, actor);
  }

  /** Provisions an approved request and records PROVISIONED or FAILED. */
  static AccessRequest provision(
      RequestEnvironment environment, AccessRequest request, String actor) {
    AccessChanges.Outcome outcome;
    try {
      outcome =
          environment
              .changes()
              .apply(
                  List.of(request.beneficiary()), actor, "request " + request.id() + " approved");
    } catch (RuntimeException e) {
      outcome = new AccessChanges.Outcome(false, String.valueOf(e.getMessage()));
    }
    AccessChanges.Outcome result = outcome;
    AccessRequest settled =
        environment
            .transactions()
            .inTransaction(
                () -> {
                  Instant now = environment.clock().instant();
                  AccessRequest current = environment.requests().find(request.id()).orElseThrow();
                  if (current.state() != RequestState.APPROVED) {
                    return current;
                  }
                  RequestState state =
                      result.complete() ? RequestState.PROVISIONED : RequestState.FAILED;
                  AccessRequest done = current.withState(state, now, result.detail());
                  environment.requests().update(done);
                  environment
                      .requests()
                      .appendEvent(
                          request.id(),
                          new RequestEvent(now, actor, state.label(), "", result.detail()));
                  environment.audit(
                      actor,
                      "request." + state.label(),
                      done,
                      result.detail().isBlank() ? state.label() : result.detail(),
                      result.complete() ? "success" : "failure");
                  return done;
                });
    boolean provisioned = settled.state() == RequestState.PROVISIONED;
    environment.tell(
        provisioned ? RequestNotifier.Kind.PROVISIONED : RequestNotifier.Kind.FAILED,
        settled,
        requesterAndBeneficiary(settled),
        "Request "
            + settled.id()
            + ": "
            + settled.role()
            + " for "
            + settled.beneficiaryEmployeeId()
            + (provisioned ? " is provisioned" : " failed: " + settled.outcome())
            + (settled.until() == null ? "" : " (until " + settled.until() + ")"));
    return settled;
  }

  private AccessRequest confirmReview(
      AccessRequest request, String actor, String comment, Instant now) {
    String manager =
        environment.people().find(request.beneficiary()).flatMap(People::managerId).orElse(null);
    AccessRequest confirmed = request.withoutOpenStep(manager, now, comment);
    environment.requests().update(confirmed);
    environment
        .requests()
        .appendEvent(request.id(), new RequestEvent(now, actor, "confirmed", "review", comment));
    environment.audit(
        actor, "access.confirmed", confirmed, comment.isBlank() ? "kept" : comment, "success");
    return confirmed;
  }

  static List<String> requesterAndBeneficiary(AccessRequest request) {
    List<String> people = new ArrayList<>();
    if (request.requesterEmployeeId() != null) {
      people.add(request.requesterEmployeeId());
    }
    if (!people.contains(request.beneficiaryEmployeeId())) {
      people.add(request.beneficiaryEmployeeId());
    }
    return people;
  }

  /** The end of the last day of access: the start of the next day in the environment's zone. */
  Instant endOf(LocalDate lastDay) {
    return lastDay.plusDays(1).atStartOfDay(environment.zone()).toInstant();
  }
}
