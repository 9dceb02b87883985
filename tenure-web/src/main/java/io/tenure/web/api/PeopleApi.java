package io.tenure.web.api;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenure.engine.access.AccessPrincipal;
import io.tenure.engine.access.Permission;
import io.tenure.web.problem.NotFound;
import io.tenure.web.security.Callers;
import io.tenure.web.security.Requires;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/people} and {@code /api/v1/me}. */
@RestController
@ConditionalOnWebApplication
@RequestMapping(path = "/api/v1", produces = "application/json")
@Tag(name = "people", description = "People: search, and what each has, where and why")
class PeopleApi {

  private final People people;

  PeopleApi(People people) {
    this.people = people;
  }

  @GetMapping("/people")
  @Requires(Permission.VIEW_PEOPLE)
  PersonViews.Page search(
      @Parameter(description = "text in the name, employee id, e-mail or a username")
          @RequestParam(name = "q", defaultValue = "")
          String text,
      @Parameter(description = "the next cursor of the previous page")
          @RequestParam(name = "cursor", required = false)
          @Nullable String cursor,
      @RequestParam(name = "limit", defaultValue = "20") String limit) {
    return people.search(text, cursor, Parameters.parseLimit(limit, 1));
  }

  @GetMapping("/people/{id}")
  @Requires(Permission.VIEW_OWN_ACCESS)
  PersonViews.Detail person(@PathVariable("id") String id) {
    AccessPrincipal caller = Callers.current();
    if (!People.maySee(caller, id)) {
      // another person's page is as absent as an unknown one to somebody who may see only theirs
      throw new NotFound("there is no person " + id + " you may see");
    }
    return people.detail(id);
  }

  @GetMapping("/me")
  @Requires(Permission.VIEW_OWN_ACCESS)
  PersonViews.Me me() {
    return people.me(Callers.current());
  }
}
