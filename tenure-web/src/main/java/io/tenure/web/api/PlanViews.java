package io.tenure.web.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the API answers about plans. */
public final class PlanViews {

  private PlanViews() {}

  /** A plan the mass-change brake held, with the decision once there is one. */
  @Schema(name = "PlanHold")
  public record Hold(
      String plan,
      String createdAt,
      String actor,
      String trigger,
      @Schema(description = "HELD, RESUMED or REJECTED") String status,
      String heldAt,
      int heldOperations,
      @Schema(description = "why it was held") String reason,
      @Nullable String decidedBy,
      @Nullable String decidedAt,
      @Nullable String decisionReason) {}

  /** A list of held plans. */
  @Schema(name = "PlanHoldList")
  public record Page(List<Hold> plans) {}

  /** One plan with its operations and their reasons. */
  @Schema(name = "Plan")
  public record Detail(
      String plan,
      String createdAt,
      String actor,
      String trigger,
      @Schema(description = "the brake's hold, null if the plan was not held") @Nullable Hold hold,
      List<OperationViews.Operation> operations) {}

  /** What approving (resuming) a held plan came to. */
  @Schema(name = "PlanResumed")
  public record Resumed(
      String plan,
      String status,
      int succeeded,
      int failed,
      int skipped,
      int held,
      boolean complete) {}

  /** The body of a decision: a reason, required to reject or discard. */
  @Schema(name = "Reason")
  public record ReasonBody(@Schema(description = "why, in words") String reason) {}
}
