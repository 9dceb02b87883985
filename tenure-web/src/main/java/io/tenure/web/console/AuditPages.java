package io.tenure.web.console;

import io.tenure.engine.access.Permission;
import io.tenure.engine.audit.AuditQuery;
import io.tenure.web.api.AuditTrail;
import io.tenure.web.api.Parameters;
import io.tenure.web.security.Requires;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Audit search by person, actor, action and period. */
@Controller
@ConditionalOnWebApplication
class AuditPages {

  private final AuditTrail audit;

  AuditPages(AuditTrail audit) {
    this.audit = audit;
  }

  @GetMapping("/audit")
  @Requires(Permission.VIEW_AUDIT)
  String search(
      @RequestParam(name = "person", defaultValue = "") String person,
      @RequestParam(name = "actor", defaultValue = "") String actor,
      @RequestParam(name = "action", defaultValue = "") String action,
      @RequestParam(name = "from", defaultValue = "") String from,
      @RequestParam(name = "to", defaultValue = "") String to,
      @RequestParam(name = "before", required = false) @Nullable Long before,
      Model model) {
    model.addAttribute("person", person);
    model.addAttribute("actor", actor);
    model.addAttribute("action", action);
    model.addAttribute("from", from);
    model.addAttribute("to", to);
    model.addAttribute(
        "page",
        audit.search(
            new AuditQuery(
                Parameters.optional(person),
                Parameters.optional(actor),
                Parameters.optional(action),
                Parameters.parseInstant(from, "from"),
                Parameters.parseInstant(to, "to"),
                before,
                50)));
    return "console/audit";
  }
}
