package io.tenure.web.console;

import io.tenure.core.identity.LifecycleState;
import io.tenure.engine.access.AccessPrincipal;
import io.tenure.engine.access.AccessRole;
import io.tenure.engine.access.Permission;
import io.tenure.engine.audit.AuditQuery;
import io.tenure.engine.execution.OperationState;
import io.tenure.engine.people.PersonDirectory;
import io.tenure.engine.reconciliation.FindingQuery;
import io.tenure.web.api.AuditTrail;
import io.tenure.web.api.Findings;
import io.tenure.web.api.Operations;
import io.tenure.web.api.Plans;
import io.tenure.web.security.Callers;
import io.tenure.web.security.Requires;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The dashboard: the access requests waiting for the logged-in person's decision (and, to
 * administrators and operators, how many are pending in all), people by lifecycle state, held plans
 * awaiting a decision, parked operations, the latest findings and the recent changes, each shown
 * only to who may see it.
 */
@Controller
@ConditionalOnWebApplication
class DashboardPage {

  private final ObjectProvider<PersonDirectory> people;
  private final Plans plans;
  private final Operations operations;
  private final Findings findings;
  private final AuditTrail audit;
  private final ApprovalInbox inbox;

  DashboardPage(
      ObjectProvider<PersonDirectory> people,
      Plans plans,
      Operations operations,
      Findings findings,
      AuditTrail audit,
      ApprovalInbox inbox) {
    this.people = people;
    this.plans = plans;
    this.operations = operations;
    this.findings = findings;
    this.audit = audit;
    this.inbox = inbox;
  }

  @GetMapping("/")
  @Requires(Permission.VIEW_OWN_ACCESS)
  String dashboard(Model model) {
    AccessPrincipal me = Callers.current();
    if (me.may(Permission.REQUEST_ACCESS)) {
      model.addAttribute("pendingApprovals", inbox.of(me).size());
      if (me.roles().contains(AccessRole.ADMIN) || me.roles().contains(AccessRole.OPERATOR)) {
        model.addAttribute("totalPending", inbox.totalPending());
      }
    }
    if (me.may(Permission.VIEW_PEOPLE)) {
      Map<LifecycleState, Long> counts = people.getObject().countByState();
      Map<String, Long> byState = new LinkedHashMap<>();
      for (LifecycleState state : LifecycleState.values()) {
        byState.put(state.name(), counts.getOrDefault(state, 0L));
      }
      model.addAttribute("peopleByState", byState);
    }
    if (me.may(Permission.VIEW_PLANS)) {
      model.addAttribute("heldPlans", plans.holds(true, 10).plans());
    }
    if (me.may(Permission.VIEW_OPERATIONS)) {
      model.addAttribute(
          "parkedOperations", operations.list(List.of(OperationState.PARKED), 10).operations());
    }
    if (me.may(Permission.VIEW_FINDINGS)) {
      model.addAttribute("latestFindings", findings.list(FindingQuery.all(), 10).findings());
    }
    if (me.may(Permission.VIEW_AUDIT)) {
      model.addAttribute(
          "recentChanges",
          audit.search(new AuditQuery(null, null, null, null, null, null, 10)).events());
    }
    return "console/dashboard";
  }
}
