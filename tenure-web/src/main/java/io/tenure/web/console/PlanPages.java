package io.tenure.web.console;

import io.tenure.engine.access.Permission;
import io.tenure.web.api.Plans;
import io.tenure.web.problem.BadRequest;
import io.tenure.web.security.Callers;
import io.tenure.web.security.Requires;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Plan review: held plans, one plan's operations with their reasons, approve or reject. */
@Controller
@ConditionalOnWebApplication
class PlanPages {

  private final Plans plans;

  PlanPages(Plans plans) {
    this.plans = plans;
  }

  @GetMapping("/plans")
  @Requires(Permission.VIEW_PLANS)
  String list(@RequestParam(name = "all", defaultValue = "false") boolean all, Model model) {
    model.addAttribute("all", all);
    model.addAttribute("plans", plans.holds(!all, 50).plans());
    return "console/plans";
  }

  @GetMapping("/plans/{id}")
  @Requires(Permission.VIEW_PLANS)
  String plan(@PathVariable("id") String id, Model model) {
    model.addAttribute("plan", plans.detail(id));
    return "console/plan";
  }

  @PostMapping("/plans/{id}/approve")
  @Requires(Permission.DECIDE_PLANS)
  String approve(
      @PathVariable("id") String id,
      @RequestParam(name = "reason", defaultValue = "") String reason,
      RedirectAttributes redirect) {
    var resumed = plans.approve(id, Callers.current().actor(), reason.strip());
    redirect.addFlashAttribute(
        "message",
        "Approved: "
            + resumed.succeeded()
            + " operations succeeded, "
            + resumed.failed()
            + " failed.");
    return "redirect:/plans/" + id;
  }

  @PostMapping("/plans/{id}/reject")
  @Requires(Permission.DECIDE_PLANS)
  String reject(
      @PathVariable("id") String id,
      @RequestParam(name = "reason", defaultValue = "") String reason,
      RedirectAttributes redirect) {
    if (reason.isBlank()) {
      throw new BadRequest("say why the plan is rejected");
    }
    plans.reject(id, Callers.current().actor(), reason.strip());
    redirect.addFlashAttribute("message", "Rejected: its held operations are discarded.");
    return "redirect:/plans/" + id;
  }
}
