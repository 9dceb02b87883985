package io.tenure.web.console;

import io.tenure.engine.access.AccessPrincipal;
import io.tenure.engine.access.Permission;
import io.tenure.web.api.People;
import io.tenure.web.problem.NotFound;
import io.tenure.web.security.Callers;
import io.tenure.web.security.Requires;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** People search, a person's page, and one's own page. */
@Controller
@ConditionalOnWebApplication
class PeoplePages {

  private static final int PAGE = 25;

  private final People people;

  PeoplePages(People people) {
    this.people = people;
  }

  @GetMapping("/people")
  @Requires(Permission.VIEW_PEOPLE)
  String search(
      @RequestParam(name = "q", defaultValue = "") String text,
      @RequestParam(name = "cursor", required = false) @Nullable String cursor,
      Model model) {
    model.addAttribute("q", text);
    model.addAttribute("page", people.search(text, cursor, PAGE));
    return "console/people";
  }

  @GetMapping("/people/{id}")
  @Requires(Permission.VIEW_OWN_ACCESS)
  String person(@PathVariable("id") String id, Model model) {
    AccessPrincipal me = Callers.current();
    if (!People.maySee(me, id)) {
      throw new NotFound("there is no person " + id + " you may see");
    }
    model.addAttribute("person", people.detail(id));
    return "console/person";
  }

  @GetMapping("/me")
  @Requires(Permission.VIEW_OWN_ACCESS)
  String me(Model model) {
    AccessPrincipal me = Callers.current();
    if (me.person() == null) {
      model.addAttribute("person", null);
      return "console/person";
    }
    return "redirect:/people/" + me.person().value();
  }
}
