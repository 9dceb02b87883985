package io.tenure.web.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the API answers about the durable queue's operations. */
public final class OperationViews {

  private OperationViews() {}

  /** One operation of a plan, with its place in the queue. */
  @Schema(name = "Operation")
  public record Operation(
      long id,
      String plan,
      int sequence,
      @Schema(description = "PENDING, SUCCEEDED, FAILED, PARKED, SKIPPED, HELD or DISCARDED")
          String state,
      @Schema(description = "CREATE_ACCOUNT, UPDATE_ACCOUNT, ..., REMOVE_ENTITLEMENT") String kind,
      String target,
      String username,
      @Schema(description = "the person the account belongs to, null for an orphan")
          @Nullable String owner,
      @Schema(description = "the owner's human name") @Nullable String ownerName,
      @Schema(description = "the change, in words") String change,
      @Schema(description = "why, from the most specific step to the root cause")
          List<String> reason,
      int attempts,
      @Nullable String lastError,
      @Nullable String nextAttemptAt,
      @Nullable String claimedBy,
      @Nullable String updatedAt) {}

  /** A list of operations. */
  @Schema(name = "OperationList")
  public record Page(List<Operation> operations) {}

  /** What an operator's action on an operation came to. */
  @Schema(name = "OperationResult")
  public record Result(
      long operation, @Schema(description = "retried or discarded") String result) {}
}
