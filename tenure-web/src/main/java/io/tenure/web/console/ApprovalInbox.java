package io.tenure.web.console;

import io.tenure.engine.access.AccessPrincipal;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.store.Transactions;
import io.tenure.governance.request.AccessRequest;
import io.tenure.governance.request.AccessRequests;
import io.tenure.governance.request.People;
import io.tenure.governance.request.RequestState;
import io.tenure.web.api.AccessRequestsFacade;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * The requests waiting for a principal's decision: pending ones whose current step names the
 * principal's person among its approvers, and granted access under a transfer review they confirm
 * or revoke. A principal bound to no person decides nothing.
 */
@Component
@ConditionalOnWebApplication
class ApprovalInbox {

  /** The most requests an inbox lists (and a total counts). */
  static final int LIMIT = 500;

  /** One request waiting for a decision, as the inbox shows it. */
  record Item(
      String id,
      String beneficiaryName,
      String beneficiaryEmployeeId,
      String role,
      String requester,
      String justification,
      @Nullable String until,
      String state,
      String step,
      @Nullable String deadline,
      boolean escalated) {}

  private final AccessRequestsFacade facade;
  private final ObjectProvider<AccessRequests> requests;
  private final ObjectProvider<IdentityRepository> identities;
  private final ObjectProvider<Transactions> transactions;

  ApprovalInbox(
      AccessRequestsFacade facade,
      ObjectProvider<AccessRequests> requests,
      ObjectProvider<IdentityRepository> identities,
      ObjectProvider<Transactions> transactions) {
    this.facade = facade;
    this.requests = requests;
    this.identities = identities;
    this.transactions = transactions;
  }

  /** The requests waiting for the principal's decision, newest first. */
  List<Item> of(AccessPrincipal principal) {
    String employeeId = facade.actor(principal).employeeId();
    AccessRequests service = requests.getIfAvailable();
    if (employeeId == null || service == null) {
      return List.of();
    }
    List<AccessRequest> waiting =
        service.list(null, employeeId, null, LIMIT).stream()
            .filter(request -> !request.state().isFinal())
            .filter(request -> request.approvers().contains(employeeId))
            .toList();
    if (waiting.isEmpty()) {
      return List.of();
    }
    return transactions
        .getObject()
        .inTransaction(
            () -> {
              People people = new People(identities.getObject());
              List<Item> items = new ArrayList<>();
              for (AccessRequest request : waiting) {
                items.add(item(request, people));
              }
              return items;
            });
  }

  /** How many requests are pending, whoever decides them (at most {@link #LIMIT}). */
  int totalPending() {
    AccessRequests service = requests.getIfAvailable();
    return service == null ? 0 : service.list(RequestState.PENDING, null, null, LIMIT).size();
  }

  private static Item item(AccessRequest request, People people) {
    String beneficiary =
        people
            .byEmployeeId(request.beneficiaryEmployeeId())
            .map(People::name)
            .orElse(request.beneficiaryEmployeeId());
    String requester =
        request.requesterEmployeeId() == null
            ? request.requester()
            : people
                .byEmployeeId(request.requesterEmployeeId())
                .map(person -> People.name(person) + " (" + request.requesterEmployeeId() + ")")
                .orElse(request.requester());
    return new Item(
        request.id().value(),
        beneficiary,
        request.beneficiaryEmployeeId(),
        request.role().value(),
        requester,
        request.justification(),
        request.until() == null ? null : request.until().toString(),
        request.state().label(),
        request.stepName(),
        request.stepDeadline() == null ? null : request.stepDeadline().toString(),
        request.escalated());
  }
}
