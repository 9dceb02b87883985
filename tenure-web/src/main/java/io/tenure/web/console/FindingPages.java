package io.tenure.web.console;

import io.tenure.core.account.TargetId;
import io.tenure.engine.access.Permission;
import io.tenure.engine.reconciliation.FindingQuery;
import io.tenure.engine.reconciliation.Situation;
import io.tenure.web.api.Findings;
import io.tenure.web.api.Parameters;
import io.tenure.web.security.Requires;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Reconciliation findings, by target and situation. */
@Controller
@ConditionalOnWebApplication
class FindingPages {

  private final Findings findings;

  FindingPages(Findings findings) {
    this.findings = findings;
  }

  @GetMapping("/findings")
  @Requires(Permission.VIEW_FINDINGS)
  String list(
      @RequestParam(name = "target", defaultValue = "") String target,
      @RequestParam(name = "situation", defaultValue = "") String situation,
      Model model) {
    FindingQuery query =
        new FindingQuery(
            target.isBlank() ? null : new TargetId(target.strip()),
            situation.isBlank() ? null : Parameters.parse(Situation.class, situation, "situation"),
            false);
    model.addAttribute("target", target);
    model.addAttribute("situation", situation);
    model.addAttribute("situations", Situation.values());
    model.addAttribute("findings", findings.list(query, 500).findings());
    return "console/findings";
  }
}
