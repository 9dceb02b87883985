package io.tenure.web.api;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenure.engine.access.Permission;
import io.tenure.governance.request.RequestActor;
import io.tenure.web.security.Callers;
import io.tenure.web.security.Requires;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/approvals}: the caller's approval inbox (the requests whose current step, or
 * transfer review, waits for them), approved or rejected as the caller's person.
 */
@RestController
@ConditionalOnWebApplication
@RequestMapping(path = "/api/v1/approvals", produces = "application/json")
@Tag(name = "approvals", description = "Decisions on access requests")
class ApprovalsApi {

  private final AccessRequestsFacade requests;

  ApprovalsApi(AccessRequestsFacade requests) {
    this.requests = requests;
  }

  @GetMapping
  @Requires(Permission.REQUEST_ACCESS)
  RequestViews.Page inbox() {
    RequestActor actor = requests.actor(Callers.current());
    if (actor.employeeId() == null) {
      return new RequestViews.Page(java.util.List.of());
    }
    return requests.list(Callers.current(), null, actor.employeeId(), null, 100);
  }

  @PostMapping("/{id}/approve")
  @Requires(Permission.REQUEST_ACCESS)
  RequestViews.Request approve(
      @PathVariable("id") String id,
      @RequestBody(required = false) RequestViews.@Nullable Decision body) {
    return requests.approve(Callers.current(), id, body == null ? null : body.comment());
  }

  @PostMapping("/{id}/reject")
  @Requires(Permission.REQUEST_ACCESS)
  RequestViews.Request reject(
      @PathVariable("id") String id,
      @RequestBody(required = false) RequestViews.@Nullable Decision body) {
    return requests.reject(Callers.current(), id, body == null ? null : body.comment());
  }
}
