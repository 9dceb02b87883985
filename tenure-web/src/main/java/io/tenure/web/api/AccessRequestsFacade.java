package io.tenure.web.api;

import io.tenure.core.identity.Identity;
import io.tenure.engine.access.AccessPrincipal;
import io.tenure.engine.access.AccessRole;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.store.Transactions;
import io.tenure.governance.request.AccessComparison;
import io.tenure.governance.request.AccessRequest;
import io.tenure.governance.request.AccessRequests;
import io.tenure.governance.request.People;
import io.tenure.governance.request.RequestActor;
import io.tenure.governance.request.RequestId;
import io.tenure.governance.request.RequestRefusedException;
import io.tenure.governance.request.RequestState;
import io.tenure.web.problem.BadRequest;
import io.tenure.web.problem.Conflict;
import io.tenure.web.problem.NotFound;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * The request services as the authenticated principal: a principal bound to a person acts as that
 * person; an administrator or operator may also request for anyone. A refusal is a 409 with the
 * reason, bad input a 400, an unknown request a 404; a request the caller neither filed, benefits
 * from nor decides is not shown to a principal who may not see people.
 */
@Component
@ConditionalOnWebApplication
public class AccessRequestsFacade {

  private final ObjectProvider<AccessRequests> requests;
  private final ObjectProvider<AccessComparison> comparison;
  private final ObjectProvider<IdentityRepository> identities;
  private final ObjectProvider<Transactions> transactions;

  AccessRequestsFacade(
      ObjectProvider<AccessRequests> requests,
      ObjectProvider<AccessComparison> comparison,
      ObjectProvider<IdentityRepository> identities,
      ObjectProvider<Transactions> transactions) {
    this.requests = requests;
    this.comparison = comparison;
    this.identities = identities;
    this.transactions = transactions;
  }

  /**
   * The principal as a request actor: its person's employee id (null when it is bound to none), an
   * operator when it holds the administrator or operator role.
   */
  public RequestActor actor(AccessPrincipal principal) {
    String employeeId = employeeId(principal);
    boolean operator =
        principal.roles().contains(AccessRole.ADMIN)
            || principal.roles().contains(AccessRole.OPERATOR);
    return new RequestActor(employeeId, operator, principal.actor());
  }

  private @Nullable String employeeId(AccessPrincipal principal) {
    return principal
        .personId()
        .flatMap(
            id -> transactions.getObject().inTransaction(() -> identities.getObject().find(id)))
        .map(People::employeeId)
        .orElse(null);
  }

  RequestViews.Page list(
      AccessPrincipal principal,
      @Nullable String state,
      @Nullable String approver,
      @Nullable String beneficiary,
      int limit) {
    RequestState wanted = state == null ? null : refusing(() -> RequestState.parse(state));
    RequestActor actor = actor(principal);
    boolean seesAll = principal.may(io.tenure.engine.access.Permission.VIEW_PEOPLE);
    List<AccessRequest> found =
        requests.getObject().list(wanted, approver, beneficiary, Math.max(limit, 0) * 4 + 100);
    List<RequestViews.Request> views = new ArrayList<>();
    for (AccessRequest request : found) {
      if (views.size() >= limit) {
        break;
      }
      if (seesAll || involves(request, actor)) {
        views.add(RequestViews.of(request, List.of()));
      }
    }
    return new RequestViews.Page(views);
  }

  RequestViews.Request show(AccessPrincipal principal, String id) {
    AccessRequest request = find(id);
    if (!principal.may(io.tenure.engine.access.Permission.VIEW_PEOPLE)
        && !involves(request, actor(principal))) {
      throw new NotFound("no request " + id);
    }
    return RequestViews.of(request, requests.getObject().history(request.id()));
  }

  RequestViews.Request create(AccessPrincipal principal, RequestViews.NewRequest body) {
    if (body.beneficiary() == null || body.role() == null || body.reason() == null) {
      throw new BadRequest("a request needs beneficiary, role and reason");
    }
    LocalDate until = date(body.until());
    AccessRequest filed =
        refusing(
            () ->
                requests
                    .getObject()
                    .create(
                        actor(principal), body.beneficiary(), body.role(), body.reason(), until));
    return RequestViews.of(filed, requests.getObject().history(filed.id()));
  }

  RequestViews.Request approve(AccessPrincipal principal, String id, @Nullable String comment) {
    AccessRequest decided =
        refusing(
            () ->
                requests
                    .getObject()
                    .approve(find(id).id(), actor(principal), comment == null ? "" : comment));
    return RequestViews.of(decided, requests.getObject().history(decided.id()));
  }

  RequestViews.Request reject(AccessPrincipal principal, String id, @Nullable String comment) {
    AccessRequest decided =
        refusing(
            () ->
                requests
                    .getObject()
                    .reject(find(id).id(), actor(principal), comment == null ? "" : comment));
    return RequestViews.of(decided, requests.getObject().history(decided.id()));
  }

  RequestViews.Request cancel(AccessPrincipal principal, String id, @Nullable String reason) {
    AccessRequest cancelled =
        refusing(
            () ->
                requests
                    .getObject()
                    .cancel(find(id).id(), actor(principal), reason == null ? "" : reason));
    return RequestViews.of(cancelled, requests.getObject().history(cancelled.id()));
  }

  RequestViews.Clone clone(AccessPrincipal principal, RequestViews.CloneRequest body) {
    if (body.from() == null || body.to() == null) {
      throw new BadRequest("cloning needs from and to (employee ids)");
    }
    if (body.request() && (body.reason() == null || body.reason().isBlank())) {
      throw new BadRequest("filing the requests needs a reason");
    }
    RequestActor actor = actor(principal);
    AccessComparison.Comparison compared =
        refusing(
            () ->
                transactions
                    .getObject()
                    .inTransaction(
                        () -> {
                          People people = new People(identities.getObject());
                          Identity model = people.require(body.from());
                          Identity person = people.require(body.to());
                          if (!principal.may(io.tenure.engine.access.Permission.VIEW_PEOPLE)
                              && !person
                                  .attribute("employeeId")
                                  .equals(java.util.Optional.ofNullable(actor.employeeId()))
                              && (actor.employeeId() == null
                                  || !people.manages(actor.employeeId(), person))) {
                            throw new RequestRefusedException(
                                actor.label()
                                    + " may model only themselves and the people in their"
                                    + " reporting line");
                          }
                          return comparison.getObject().compare(model, person);
                        }));
    List<RequestViews.Request> filed = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    if (body.request()) {
      for (var role : compared.offered().keySet()) {
        try {
          AccessRequest created =
              requests
                  .getObject()
                  .create(
                      actor,
                      body.to(),
                      role.value(),
                      body.reason() + " (modelled after " + body.from() + ")",
                      null);
          filed.add(RequestViews.of(created, List.of()));
        } catch (RequestRefusedException | IllegalArgumentException e) {
          refused.add(role + ": " + e.getMessage());
        }
      }
    }
    return RequestViews.of(compared, filed, refused);
  }

  private AccessRequest find(String id) {
    try {
      return requests.getObject().get(new RequestId(id));
    } catch (IllegalArgumentException e) {
      throw new NotFound(e.getMessage());
    }
  }

  private static boolean involves(AccessRequest request, RequestActor actor) {
    String who = actor.employeeId();
    return who != null
        && (who.equals(request.beneficiaryEmployeeId())
            || who.equals(request.requesterEmployeeId())
            || request.approvers().contains(who));
  }

  private static @Nullable LocalDate date(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new BadRequest("until " + text + " is not a date such as 2027-01-31");
    }
  }

  private static <T> T refusing(Supplier<T> work) {
    try {
      return work.get();
    } catch (RequestRefusedException e) {
      throw new Conflict(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new BadRequest(e.getMessage());
    }
  }
}
