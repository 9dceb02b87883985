package io.tenure.web.console;

import io.tenure.engine.access.Permission;
import io.tenure.governance.request.AccessRequest;
import io.tenure.governance.request.AccessRequests;
import io.tenure.governance.request.RequestActor;
import io.tenure.governance.request.RequestId;
import io.tenure.governance.request.RequestRefusedException;
import io.tenure.web.api.AccessRequestsFacade;
import io.tenure.web.security.Callers;
import io.tenure.web.security.Requires;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The approver's inbox: the access requests waiting for the logged-in person's decision, each
 * approved or rejected (with a comment) as that person. Every logged-in principal may open it and
 * post decisions; the request services decide who may decide what, and their refusal (such as a
 * self-approval) is shown as the page's message.
 */
@Controller
@ConditionalOnWebApplication
class ApprovalPages {

  private final ApprovalInbox inbox;
  private final AccessRequestsFacade facade;
  private final ObjectProvider<AccessRequests> requests;

  ApprovalPages(
      ApprovalInbox inbox, AccessRequestsFacade facade, ObjectProvider<AccessRequests> requests) {
    this.inbox = inbox;
    this.facade = facade;
    this.requests = requests;
  }

  @GetMapping("/approvals")
  @Requires(Permission.REQUEST_ACCESS)
  String list(Model model) {
    model.addAttribute("approvals", inbox.of(Callers.current()));
    return "console/approvals";
  }

  @PostMapping("/approvals/{id}/approve")
  @Requires(Permission.REQUEST_ACCESS)
  String approve(
      @PathVariable("id") String id,
      @RequestParam(name = "comment", defaultValue = "") String comment,
      RedirectAttributes redirect) {
    RequestActor actor = facade.actor(Callers.current());
    redirect.addFlashAttribute(
        "message",
        decide(
            id,
            "approve",
            () -> requests.getObject().approve(new RequestId(id), actor, comment.strip())));
    return "redirect:/approvals";
  }

  @PostMapping("/approvals/{id}/reject")
  @Requires(Permission.REQUEST_ACCESS)
  String reject(
      @PathVariable("id") String id,
      @RequestParam(name = "comment", defaultValue = "") String comment,
      RedirectAttributes redirect) {
    RequestActor actor = facade.actor(Callers.current());
    String message =
        comment.isBlank()
            ? "Request " + id + " is not rejected: say why in the comment."
            : decide(
                id,
                "reject",
                () -> requests.getObject().reject(new RequestId(id), actor, comment.strip()));
    redirect.addFlashAttribute("message", message);
    return "redirect:/approvals";
  }

  /** Decides, and says what came of it, or why it was refused. */
  private static String decide(String id, String verb, Supplier<AccessRequest> decision) {
    try {
      AccessRequest decided = decision.get();
      return "Request " + id + " is now " + decided.state().label() + ".";
    } catch (RequestRefusedException | IllegalArgumentException e) {
      return "Could not " + verb + " request " + id + ": " + e.getMessage();
    }
  }
}
