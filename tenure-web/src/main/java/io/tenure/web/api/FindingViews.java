package io.tenure.web.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the API answers about reconciliation findings. */
public final class FindingViews {

  private FindingViews() {}

  /** What the latest reconciliation run found about one account. */
  @Schema(name = "Finding")
  public record Finding(
      String target,
      String username,
      @Schema(description = "ORPHAN, DRIFT, MISSING, ...") String situation,
      @Nullable String owner,
      @Schema(description = "the owner's human name") @Nullable String ownerName,
      @Nullable String ownerState,
      boolean accountEnabled,
      String action,
      String foundAt,
      String detail,
      List<String> differences) {}

  /** A list of findings. */
  @Schema(name = "FindingList")
  public record Page(List<Finding> findings) {}
}
