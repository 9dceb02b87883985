package io.tenure.governance.request;

import io.tenure.core.identity.IdentityId;
import io.tenure.engine.assignment.Assignment;
import io.tenure.engine.assignment.AssignmentOrigin;
import io.tenure.engine.configuration.RoleRequestSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The time-driven part of requests, run by the scheduler (and {@code tenure request work}) with the
 * environment's clock; everything it reads is in the store, so a restart loses nothing:
 *
 * <ul>
 *   <li>a pending step past its deadline escalates to its approvers' managers (once, with a new
 *       deadline), then expires;
 *   <li>access under a transfer review past its deadline is revoked;
 *   <li>assignments whose end passed are recorded as ended, and their holders' accounts planned;
 *   <li>holders and approvers of access ending within the role's {@code remindBefore} are reminded
 *       (once);
 *   <li>a requested grant whose holder has a new manager follows the role's {@code onMove}: kept,
 *       sent to the new manager's review, or revoked;
 *   <li>an approved request whose provisioning was never confirmed (the process stopped after the
 *       approval) is provisioned and becomes {@code provisioned} or {@code failed}.
 * </ul>
 */
public final class RequestWork {

  /** The actor of what the scheduler does. */
  public static final String ACTOR = "schedule:requests";

  private final RequestEnvironment environment;
  private final Approvers approvers;
  private final java.util.function.IntSupplier retries;

  public RequestWork(RequestEnvironment environment) {
    this(environment, () -> 0);
  }

  /**
   * @param retries runs after each run's work (due webhook deliveries, say), returning a count
   */
  public RequestWork(RequestEnvironment environment, java.util.function.IntSupplier retries) {
    this.environment = environment;
    this.approvers = new Approvers(environment.people());
    this.retries = retries;
  }

  /**
   * What one run did.
   *
   * @param escalated requests escalated
   * @param expired requests expired
   * @param ended assignments recorded as ended (end date passed)
   * @param reminded grants whose holders were reminded
   * @param reviewed grants sent to a new manager's review
   * @param revoked grants revoked (transfer, unconfirmed review)
   */
  public record Summary(
      int escalated, int expired, int ended, int reminded, int reviewed, int revoked) {

    /** {@code 1 escalated, 0 expired, ...}. */
    public String describe() {
      return escalated
          + " escalated, "
          + expired
          + " expired, "
          + ended
          + " ended, "
          + reminded
          + " reminded, "
          + reviewed
          + " sent to review, "
          + revoked
          + " revoked";
    }
  }

  /** People whose access a transaction changed, to be planned once it committed. */
  static final class Revoked {
    private final Set<IdentityId> people = new TreeSet<>();

    void add(IdentityId person) {
      people.add(person);
    }

    void provision(RequestEnvironment environment, String actor) {
      if (!people.isEmpty()) {
        environment.changes().apply(List.copyOf(people), actor, "access ended or revoked");
      }
    }
  }

  /** Does what is due now. */
  public Summary run() {
    Revoked changed = new Revoked();
    List<Runnable> notices = new ArrayList<>();
    int[] counts = new int[COUNTED_NOTHING + 1];
    environment
        .transactions()
        .run(
            () -> {
              Instant now = environment.clock().instant();
              for (AccessRequest due : environment.requests().dueBy(now)) {
                if (due.state() == RequestState.PENDING) {
                  counts[escalateOrExpire(due, now, notices)]++;
                } else {
                  revoke(environment, due, ACTOR, "transfer review not confirmed in time", changed);
                  counts[5]++;
                }
              }
              for (Assignment ended : environment.assignments().endLapsed(ACTOR)) {
                counts[2]++;
                changed.add(ended.identity());
                requestOf(ended)
                    .ifPresent(
                        request -> {
                          environment
                              .requests()
                              .appendEvent(
                                  request.id(),
                                  new RequestEvent(
                                      now, ACTOR, "ended", "", "ended on " + ended.validUntil()));
                          notices.add(
                              () ->
                                  environment.tell(
                                      RequestNotifier.Kind.ENDED,
                                      request,
                                      List.of(request.beneficiaryEmployeeId()),
                                      request.role()
                                          + " of "
                                          + request.beneficiaryEmployeeId()
                                          + " ended ("
                                          + request.id()
                                          + ")"));
                        });
              }
              for (AccessRequest granted : environment.requests().granted()) {
                counts[followMove(granted, now, notices, changed)]++;
                if (remind(granted, now, notices)) {
                  counts[3]++;
                }
              }
            });
    changed.provision(environment, ACTOR);
    notices.forEach(Runnable::run);
    // approved, but the process stopped before provisioning was confirmed: provision them now
    List<AccessRequest> unconfirmed =
        environment
            .transactions()
            .inTransaction(
                () -> environment.requests().list(RequestState.APPROVED, null, null, 100));
    for (AccessRequest approved : unconfirmed) {
      AccessRequests.provision(environment, approved, ACTOR);
    }
    retries.getAsInt();
    return new Summary(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]);
  }

  /** Escalates a step once, or expires the request: returns the index of the count to raise. */
  private int escalateOrExpire(AccessRequest request, Instant now, List<Runnable> notices) {
    List<String> managers =
        request.escalated() ? List.of() : approvers.managersOf(request.approvers(), request);
    if (managers.isEmpty()) {
      AccessRequest expired = request.withState(RequestState.EXPIRED, now, "no decision in time");
      environment.requests().update(expired);
      environment
          .requests()
          .appendEvent(
              request.id(),
              new RequestEvent(now, ACTOR, "expired", request.stepName(), "no decision in time"));
      environment.audit(ACTOR, "request.expired", expired, "no decision in time", "expired");
      notices.add(
          () ->
              environment.tell(
                  RequestNotifier.Kind.EXPIRED,
                  expired,
                  AccessRequests.requesterAndBeneficiary(expired),
                  "Request "
                      + expired.id()
                      + " for "
                      + expired.role()
                      + " for "
                      + expired.beneficiaryEmployeeId()
                      + " expired: nobody decided in time"));
      return 1;
    }
    String reason =
        "no decision by " + String.join(", ", request.approvers()) + " in time: escalated";
    AccessRequest escalated =
        request.atStep(
            request.step(),
            managers,
            now.plus(environment.settings(request.role()).approvalTimeout()),
            true,
            now,
            reason);
    environment.requests().update(escalated);
    environment
        .requests()
        .appendEvent(
            request.id(),
            new RequestEvent(
                now,
                ACTOR,
                "escalated",
                request.stepName(),
                reason + " to " + String.join(", ", managers)));
    environment.audit(
        ACTOR,
        "request.escalated",
        escalated,
        reason,
        "success",
        Map.of("from", String.join(",", request.approvers()), "to", String.join(",", managers)));
    notices.add(
        () ->
            environment.tell(
                RequestNotifier.Kind.ESCALATED,
                escalated,
                managers,
                "Request "
                    + escalated.id()
                    + " for "
                    + escalated.role()
                    + " for "
                    + escalated.beneficiaryEmployeeId()
                    + " was escalated to you: "
                    + String.join(", ", request.approvers())
                    + " did not decide in time"));
    return 0;
  }

  /** Follows a transfer of a requested grant's holder; the index of the count to raise. */
  private int followMove(
      AccessRequest request, Instant now, List<Runnable> notices, Revoked changed) {
    if (!request.approvers().isEmpty() || !active(request)) {
      return skip();
    }
    Optional<String> manager =
        environment.people().find(request.beneficiary()).flatMap(People::managerId);
    String before = request.beneficiaryManager();
    if (manager.isEmpty() || manager.get().equals(before) || before == null) {
      return skip();
    }
    RoleRequestSettings settings = environment.settings(request.role());
    switch (settings.onMove()) {
      case KEEP -> {
        environment.requests().update(request.withBeneficiaryManager(manager.get(), now));
        environment
            .requests()
            .appendEvent(
                request.id(),
                new RequestEvent(
                    now, ACTOR, "kept", "transfer", "onMove keep: new manager " + manager.get()));
        return skip();
      }
      case REVOKE -> {
        revoke(environment, request, ACTOR, "transfer (onMove revoke)", changed);
        return 5;
      }
      default -> {
        Instant deadline = now.plus(settings.approvalTimeout());
        AccessRequest review =
            new AccessRequest(
                request.id(),
                request.beneficiary(),
                request.beneficiaryEmployeeId(),
                request.role(),
                request.requester(),
                request.requesterEmployeeId(),
                request.justification(),
                request.until(),
                request.state(),
                request.chain(),
                request.step(),
                List.of(manager.get()),
                deadline,
                false,
                request.sodRule(),
                request.assignment(),
                request.beneficiaryManager(),
                request.createdAt(),
                now,
                "transfer: the new manager " + manager.get() + " reviews it");
        environment.requests().update(review);
        environment
            .requests()
            .appendEvent(
                request.id(),
                new RequestEvent(
                    now,
                    ACTOR,
                    "review",
                    "transfer",
                    "new manager "
                        + manager.get()
                        + " confirms by "
                        + deadline
                        + " or it is revoked"));
        environment.audit(
            ACTOR,
            "access.review",
            review,
            "transfer from manager " + before + " to " + manager.get(),
            "success");
        notices.add(
            () ->
                environment.tell(
                    RequestNotifier.Kind.REVIEW,
                    review,
                    List.of(manager.get()),
                    request.beneficiaryEmployeeId()
                        + " moved to you and holds "
                        + request.role()
                        + " from "
                        + request.id()
                        + ": confirm by "
                        + deadline
                        + " (tenure request approve "
                        + request.id()
                        + ") or it is revoked"));
        return 4;
      }
    }
  }

  /** An index past the counts, for nothing counted. */
  private static int skip() {
    return COUNTED_NOTHING;
  }

  private static final int COUNTED_NOTHING = 6;

  /** Reminds holder and approvers once when the grant ends within remindBefore. */
  private boolean remind(AccessRequest request, Instant now, List<Runnable> notices) {
    if (request.until() == null || !active(request)) {
      return false;
    }
    Instant from = request.until().minus(environment.settings(request.role()).remindBefore());
    if (now.isBefore(from)
        || environment.requests().events(request.id()).stream()
            .anyMatch(event -> event.action().equals("reminded"))) {
      return false;
    }
    environment
        .requests()
        .appendEvent(
            request.id(),
            new RequestEvent(now, ACTOR, "reminded", "", "access ends " + request.until()));
    List<String> recipients = new ArrayList<>();
    recipients.add(request.beneficiaryEmployeeId());
    environment.requests().events(request.id()).stream()
        .filter(event -> event.action().equals("approved") && event.actor().startsWith("person:"))
        .map(event -> event.actor().substring("person:".length()))
        .filter(approver -> !recipients.contains(approver))
        .forEach(recipients::add);
    notices.add(
        () ->
            environment.tell(
                RequestNotifier.Kind.ENDING,
                request,
                recipients,
                request.role()
                    + " of "
                    + request.beneficiaryEmployeeId()
                    + " ends "
                    + request.until()
                    + " ("
                    + request.id()
                    + "); ask again before then to keep it"));
    return true;
  }

  private boolean active(AccessRequest request) {
    return request.assignment() != null
        && environment
            .assignments()
            .repository()
            .find(request.assignment())
            .map(assignment -> !assignment.isEnded())
            .orElse(false);
  }

  private Optional<AccessRequest> requestOf(Assignment assignment) {
    if (assignment.origin().kind() != AssignmentOrigin.Kind.REQUEST
        && assignment.origin().kind() != AssignmentOrigin.Kind.EXCEPTION) {
      return Optional.empty();
    }
    return environment.requests().find(new RequestId(assignment.origin().reference()));
  }

  /** Ends a request's grant now (inside the caller's transaction) and clears any review. */
  static AccessRequest revoke(
      RequestEnvironment environment,
      AccessRequest request,
      String actor,
      String reason,
      Revoked changed) {
    Instant now = environment.clock().instant();
    if (request.assignment() != null) {
      environment.assignments().end(request.assignment(), actor, reason);
    }
    changed.add(request.beneficiary());
    AccessRequest revoked = request.withoutOpenStep(request.beneficiaryManager(), now, reason);
    environment.requests().update(revoked);
    environment
        .requests()
        .appendEvent(request.id(), new RequestEvent(now, actor, "revoked", "", reason));
    environment.audit(actor, "access.revoked", revoked, reason, "success");
    return revoked;
  }
}
