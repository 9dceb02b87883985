package io.tenure.web.api;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenure.engine.access.Permission;
import io.tenure.engine.audit.AuditQuery;
import io.tenure.web.security.Requires;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/audit}: search the audit trail by person, actor, action and period. */
@RestController
@ConditionalOnWebApplication
@RequestMapping(path = "/api/v1", produces = "application/json")
@Tag(name = "audit", description = "The audit trail")
class AuditApi {

  private final AuditTrail audit;

  AuditApi(AuditTrail audit) {
    this.audit = audit;
  }

  @GetMapping("/audit")
  @Requires(Permission.VIEW_AUDIT)
  AuditViews.Page search(
      @Parameter(description = "a person's id: events about them and their accounts")
          @RequestParam(name = "person", required = false)
          @Nullable String person,
      @Parameter(description = "text in the actor (user:alice, api:ci, hr-import:hr)")
          @RequestParam(name = "actor", required = false)
          @Nullable String actor,
      @Parameter(description = "the start of the action (plan. or plan.rejected)")
          @RequestParam(name = "action", required = false)
          @Nullable String action,
      @Parameter(description = "from this date or instant on")
          @RequestParam(name = "from", required = false)
          @Nullable String from,
      @Parameter(description = "before this date or instant")
          @RequestParam(name = "to", required = false)
          @Nullable String to,
      @Parameter(description = "the next cursor of the previous page")
          @RequestParam(name = "before", required = false)
          @Nullable Long before,
      @RequestParam(name = "limit", defaultValue = "50") String limit) {
    return audit.search(
        new AuditQuery(
            Parameters.optional(person),
            Parameters.optional(actor),
            Parameters.optional(action),
            Parameters.parseInstant(from, "from"),
            Parameters.parseInstant(to, "to"),
            before,
            Parameters.parseLimit(limit, 1)));
  }
}
