package io.tenure.web.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** What the API answers about the configured roles and birthright rules. */
public final class PolicyViews {

  private PolicyViews() {}

  /** A configured role. */
  @Schema(name = "Role")
  public record Role(
      String name,
      String description,
      @Schema(description = "the roles it includes") List<String> includes,
      @Schema(description = "entitlements per target") Map<String, List<String>> entitlements) {}

  /** The roles. */
  @Schema(name = "RoleList")
  public record Roles(List<Role> roles) {}

  /** A birthright rule. */
  @Schema(name = "Rule")
  public record Rule(
      String name,
      @Schema(description = "the CEL condition over identity attributes") String when,
      @Schema(description = "the roles it grants") List<String> grant) {}

  /** The rules. */
  @Schema(name = "RuleList")
  public record Rules(List<Rule> rules) {}
}
