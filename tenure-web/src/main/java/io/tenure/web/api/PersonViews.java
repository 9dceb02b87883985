package io.tenure.web.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What the API answers about people. */
public final class PersonViews {

  private PersonViews() {}

  /** One person in a search result. */
  @Schema(name = "PersonSummary")
  public record Summary(
      @Schema(description = "the person's id in Tenure") String id,
      @Schema(description = "the human name") String name,
      @Nullable String employeeId,
      @Nullable String email,
      @Schema(description = "the lifecycle state: PRE_HIRE, ACTIVE, SUSPENDED, TERMINATED, PURGED")
          String state,
      @Schema(description = "the account name per target") Map<String, String> usernames) {}

  /** A page of a person search. */
  @Schema(name = "PersonList")
  public record Page(
      List<Summary> people,
      @Schema(description = "the cursor of the next page (give it as ?cursor=), null on the last")
          @Nullable String next) {}

  /** What policy grants, with its reason chain from the most specific step to the root cause. */
  @Schema(name = "Grant")
  public record Grant(String name, List<String> reason) {}

  /** An entitlement on an account: what the person should have, and whether they have it. */
  @Schema(name = "Entitlement")
  public record Entitlement(
      String name,
      @Schema(description = "whether the account holds it") boolean held,
      @Schema(description = "whether policy gives it") boolean granted,
      @Schema(description = "why policy gives it (empty when it does not)") List<String> reason) {}

  /** The person's account on one target. */
  @Schema(name = "PersonAccount")
  public record Account(
      String target,
      @Nullable String username,
      @Schema(description = "ENABLED, DISABLED or NONE (no account Tenure knows of)") String state,
      @Nullable String disabledSince,
      List<Entitlement> entitlements) {}

  /** Everything about one person. */
  @Schema(name = "Person")
  public record Detail(
      String id,
      String name,
      @Nullable String manager,
      String state,
      String employmentStatus,
      @Nullable String startDate,
      @Nullable String endDate,
      Map<String, String> attributes,
      @Schema(description = "ENABLED, DISABLED, RETIRED or REVOKED: what the accounts should be")
          String accountPresence,
      List<String> accountPresenceReason,
      @Schema(description = "the roles the person holds, each with its origin") List<Grant> roles,
      List<Account> accounts,
      List<OperationViews.Operation> pendingOperations,
      List<AuditViews.Event> history) {}

  /** Who is calling, with what roles, and which person they are. */
  @Schema(name = "Me")
  public record Me(
      String name,
      String actor,
      List<String> roles,
      List<String> permissions,
      @Nullable Detail person) {}
}
