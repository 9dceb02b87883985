package io.tenure.web.console;

import io.tenure.engine.access.Permission;
import io.tenure.engine.execution.OperationState;
import io.tenure.web.api.Operations;
import io.tenure.web.api.Parameters;
import io.tenure.web.problem.BadRequest;
import io.tenure.web.security.Callers;
import io.tenure.web.security.Requires;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The durable queue: operations by state; parked ones retried or discarded. */
@Controller
@ConditionalOnWebApplication
class OperationPages {

  private final Operations operations;

  OperationPages(Operations operations) {
    this.operations = operations;
  }

  @GetMapping("/operations")
  @Requires(Permission.VIEW_OPERATIONS)
  String list(@RequestParam(name = "state", defaultValue = "parked") String state, Model model) {
    List<OperationState> states =
        state.isBlank() || state.equals("open")
            ? List.of()
            : List.of(Parameters.parse(OperationState.class, state, "state"));
    model.addAttribute("state", state);
    model.addAttribute("states", OperationState.values());
    model.addAttribute("operations", operations.list(states, 200).operations());
    return "console/operations";
  }

  @PostMapping("/operations/{id}/retry")
  @Requires(Permission.OPERATE_QUEUE)
  String retry(@PathVariable("id") String id, RedirectAttributes redirect) {
    operations.retry(id, Callers.current().actor());
    redirect.addFlashAttribute("message", "Operation " + id + " will be tried again.");
    return "redirect:/operations";
  }

  @PostMapping("/operations/{id}/discard")
  @Requires(Permission.OPERATE_QUEUE)
  String discard(
      @PathVariable("id") String id,
      @RequestParam(name = "reason", defaultValue = "") String reason,
      RedirectAttributes redirect) {
    if (reason.isBlank()) {
      throw new BadRequest("say why the operation is discarded");
    }
    operations.discard(id, Callers.current().actor(), reason.strip());
    redirect.addFlashAttribute("message", "Operation " + id + " is discarded.");
    return "redirect:/operations";
  }
}
