package io.tenure.web.api;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenure.engine.access.Permission;
import io.tenure.web.security.Callers;
import io.tenure.web.security.Requires;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/plans}: plans, held ones approved (resumed) or rejected. A decision is audited
 * with the caller as the actor.
 */
@RestController
@ConditionalOnWebApplication
@RequestMapping(path = "/api/v1/plans", produces = "application/json")
@Tag(
    name = "plans",
    description = "Plans, and the decisions on the ones the mass-change brake held")
class PlansApi {

  private final Plans plans;

  PlansApi(Plans plans) {
    this.plans = plans;
  }

  @GetMapping
  @Requires(Permission.VIEW_PLANS)
  PlanViews.Page holds(
      @RequestParam(name = "held", defaultValue = "true") String held,
      @RequestParam(name = "limit", defaultValue = "20") String limit) {
    return plans.holds(Parameters.parseBoolean(held, "held"), Parameters.parseLimit(limit, 0));
  }

  @GetMapping("/{id}")
  @Requires(Permission.VIEW_PLANS)
  PlanViews.Detail plan(@PathVariable("id") String id) {
    return plans.detail(id);
  }

  @PostMapping(path = "/{id}/approve")
  @Requires(Permission.DECIDE_PLANS)
  PlanViews.Resumed approve(
      @PathVariable("id") String id,
      @ReasonBody @RequestBody(required = false) @Nullable String body) {
    return plans.approve(id, Callers.current().actor(), Parameters.optionalReason(body));
  }

  @PostMapping(path = "/{id}/resume")
  @Requires(Permission.DECIDE_PLANS)
  PlanViews.Resumed resume(
      @PathVariable("id") String id,
      @ReasonBody @RequestBody(required = false) @Nullable String body) {
    return plans.approve(id, Callers.current().actor(), Parameters.optionalReason(body));
  }

  @PostMapping(path = "/{id}/reject")
  @Requires(Permission.DECIDE_PLANS)
  PlanViews.Hold reject(
      @PathVariable("id") String id,
      @ReasonBody @RequestBody(required = false) @Nullable String body) {
    String reason = Parameters.requiredReason(body);
    return plans.reject(id, Callers.current().actor(), reason);
  }
}
