package io.tenure.web.api;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenure.engine.access.Permission;
import io.tenure.web.security.Callers;
import io.tenure.web.security.Requires;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/clone}: model a person's access after another's. {@code GET ?from=&to=} compares;
 * {@code POST {"from", "to", "request": true, "reason"}} also files one request per offered role.
 * The caller may model themselves and their reporting line (anyone with the people permission).
 */
@RestController
@ConditionalOnWebApplication
@RequestMapping(path = "/api/v1/clone", produces = "application/json")
@Tag(name = "clone", description = "Model one person's access after another's")
class CloneApi {

  private final AccessRequestsFacade requests;

  CloneApi(AccessRequestsFacade requests) {
    this.requests = requests;
  }

  @GetMapping
  @Requires(Permission.REQUEST_ACCESS)
  RequestViews.Clone compare(
      @RequestParam(name = "from", required = false) @Nullable String from,
      @RequestParam(name = "to", required = false) @Nullable String to) {
    return requests.clone(Callers.current(), new RequestViews.CloneRequest(from, to, false, null));
  }

  @PostMapping(consumes = "application/json")
  @Requires(Permission.REQUEST_ACCESS)
  RequestViews.Clone request(@RequestBody RequestViews.CloneRequest body) {
    return requests.clone(Callers.current(), body);
  }
}
