package io.tenure.web.api;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenure.core.account.TargetId;
import io.tenure.engine.access.Permission;
import io.tenure.engine.reconciliation.FindingQuery;
import io.tenure.engine.reconciliation.Situation;
import io.tenure.web.security.Requires;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/findings}: what the latest reconciliation of each target found. */
@RestController
@ConditionalOnWebApplication
@RequestMapping(path = "/api/v1", produces = "application/json")
@Tag(name = "findings", description = "Reconciliation findings")
class FindingsApi {

  private final Findings findings;

  FindingsApi(Findings findings) {
    this.findings = findings;
  }

  @GetMapping("/findings")
  @Requires(Permission.VIEW_FINDINGS)
  FindingViews.Page findings(
      @RequestParam(name = "target", required = false) @Nullable String target,
      @RequestParam(name = "situation", required = false) @Nullable String situation,
      @RequestParam(name = "terminatedEnabled", defaultValue = "false") String terminatedEnabled,
      @RequestParam(name = "limit", defaultValue = "1000") String limit) {
    FindingQuery query =
        new FindingQuery(
            target == null || target.isBlank() ? null : new TargetId(target.strip()),
            situation == null || situation.isBlank()
                ? null
                : Parameters.parse(Situation.class, situation, "situation"),
            Parameters.parseBoolean(terminatedEnabled, "terminatedEnabled"));
    return findings.list(query, Parameters.parseLimit(limit, 0));
  }
}
