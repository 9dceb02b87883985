package io.tenure.web.api;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenure.engine.access.Permission;
import io.tenure.web.security.Callers;
import io.tenure.web.security.Requires;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/requests}: access requests filed and followed as the authenticated principal (for
 * oneself, one's reporting line, or, as an operator, anyone).
 */
@RestController
@ConditionalOnWebApplication
@RequestMapping(path = "/api/v1/requests", produces = "application/json")
@Tag(name = "requests", description = "Access requests")
class RequestsApi {

  private final AccessRequestsFacade requests;

  RequestsApi(AccessRequestsFacade requests) {
    this.requests = requests;
  }

  @GetMapping
  @Requires(Permission.REQUEST_ACCESS)
  RequestViews.Page list(
      @RequestParam(name = "state", required = false) @Nullable String state,
      @RequestParam(name = "approver", required = false) @Nullable String approver,
      @RequestParam(name = "for", required = false) @Nullable String beneficiary,
      @RequestParam(name = "limit", defaultValue = "100") String limit) {
    return requests.list(
        Callers.current(), state, approver, beneficiary, Parameters.parseLimit(limit, 0));
  }

  @PostMapping(consumes = "application/json")
  @ResponseStatus(HttpStatus.CREATED)
  @Requires(Permission.REQUEST_ACCESS)
  RequestViews.Request create(@RequestBody RequestViews.NewRequest body) {
    return requests.create(Callers.current(), body);
  }

  @GetMapping("/{id}")
  @Requires(Permission.REQUEST_ACCESS)
  RequestViews.Request show(@PathVariable("id") String id) {
    return requests.show(Callers.current(), id);
  }

  @PostMapping("/{id}/cancel")
  @Requires(Permission.REQUEST_ACCESS)
  RequestViews.Request cancel(
      @PathVariable("id") String id,
      @RequestBody(required = false) RequestViews.@Nullable Decision body) {
    return requests.cancel(Callers.current(), id, body == null ? null : body.comment());
  }
}
