package io.tenure.web.api;

import io.tenure.governance.request.AccessComparison;
import io.tenure.governance.request.AccessRequest;
import io.tenure.governance.request.RequestEvent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** What the requests, approvals and clone endpoints answer. */
final class RequestViews {

  private RequestViews() {}

  /** A request and where it is. */
  record Request(
      String id,
      String state,
      String role,
      String beneficiary,
      String requester,
      String justification,
      @Nullable String until,
      List<String> chain,
      String step,
      List<String> approvers,
      @Nullable String deadline,
      boolean escalated,
      @Nullable String sodException,
      String outcome,
      List<Event> history) {}

  /** One entry of a request's history. */
  record Event(String at, String actor, String action, String step, String comment) {}

  /** A page of requests, newest first. */
  record Page(List<Request> requests) {}

  /** What cloning offers, leaves out and explains, per target, and what it filed. */
  record Clone(
      String model,
      String person,
      Map<String, List<Difference>> targets,
      List<String> offered,
      List<Request> filed,
      List<String> refused) {}

  /** One entitlement of the model. */
  record Difference(String entitlement, String verdict, String role, String reason) {}

  /** A new request: for whom, which role, why, until when (the last day, yyyy-MM-dd). */
  record NewRequest(
      @Nullable String beneficiary,
      @Nullable String role,
      @Nullable String reason,
      @Nullable String until) {}

  /** A decision's comment. */
  record Decision(@Nullable String comment) {}

  /** Whom to model after whom, and whether to file the requests (with their reason). */
  record CloneRequest(
      @Nullable String from, @Nullable String to, boolean request, @Nullable String reason) {}

  static Request of(AccessRequest request, List<RequestEvent> history) {
    return new Request(
        request.id().value(),
        request.state().label(),
        request.role().value(),
        request.beneficiaryEmployeeId(),
        request.requester(),
        request.justification(),
        request.until() == null ? null : request.until().toString(),
        request.chain(),
        request.stepName(),
        request.approvers(),
        request.stepDeadline() == null ? null : request.stepDeadline().toString(),
        request.escalated(),
        request.sodRule(),
        request.outcome(),
        history.stream()
            .map(
                event ->
                    new Event(
                        event.at().toString(),
                        event.actor(),
                        event.action(),
                        event.step(),
                        event.comment()))
            .toList());
  }

  static Clone of(
      AccessComparison.Comparison comparison, List<Request> filed, List<String> refused) {
    Map<String, List<Difference>> targets = new TreeMap<>();
    comparison
        .targets()
        .forEach(
            (target, differences) ->
                targets.put(
                    target.value(),
                    differences.stream()
                        .map(
                            difference ->
                                new Difference(
                                    difference.entitlement(),
                                    difference.verdict().name().toLowerCase().replace('_', '-'),
                                    difference.role(),
                                    difference.reason().render()))
                        .toList()));
    return new Clone(
        comparison.model(),
        comparison.person(),
        targets,
        comparison.offered().keySet().stream().map(role -> role.value()).toList(),
        filed,
        refused);
  }
}
