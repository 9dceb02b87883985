package io.tenure.web.api;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenure.engine.access.Permission;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.web.security.Requires;
import java.util.TreeMap;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/roles} and {@code /api/v1/rules}: the configured policy, read-only. */
@RestController
@ConditionalOnWebApplication
@RequestMapping(path = "/api/v1", produces = "application/json")
@Tag(name = "policy", description = "The configured roles and birthright rules")
@Requires(Permission.VIEW_POLICY)
class PolicyApi {

  private final TenureConfiguration configuration;

  PolicyApi(TenureConfiguration configuration) {
    this.configuration = configuration;
  }

  @GetMapping("/roles")
  PolicyViews.Roles roles() {
    return new PolicyViews.Roles(
        configuration.roles().stream()
            .map(
                role ->
                    new PolicyViews.Role(
                        role.name(),
                        role.description(),
                        role.includes(),
                        new TreeMap<>(role.entitlements())))
            .toList());
  }

  @GetMapping("/rules")
  PolicyViews.Rules rules() {
    return new PolicyViews.Rules(
        configuration.rules().stream()
            .map(rule -> new PolicyViews.Rule(rule.name(), rule.when(), rule.grant()))
            .toList());
  }
}
