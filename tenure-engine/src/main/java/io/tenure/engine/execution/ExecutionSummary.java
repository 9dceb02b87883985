package io.tenure.engine.execution;

import io.tenure.core.plan.OperationKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What executing a plan did.
 *
 * @param plan the stored plan
 * @param counts per operation kind, how many succeeded, failed and were skipped (kinds with no
 *     operation omitted)
 * @param failures the failed operations, in plan order
 */
public record ExecutionSummary(
    PlanId plan, Map<OperationKind, KindCounts> counts, List<Failure> failures) {

  public ExecutionSummary {
    Map<OperationKind, KindCounts> copy = new EnumMap<>(OperationKind.class);
    copy.putAll(counts);
    counts = Collections.unmodifiableMap(copy);
    failures = List.copyOf(failures);
  }

  /** How many operations of one kind succeeded, failed (retryably or permanently), were skipped. */
  public record KindCounts(int succeeded, int failed, int skipped) {

    KindCounts plus(OperationState state) {
      return switch (state) {
        case SUCCEEDED -> new KindCounts(succeeded + 1, failed, skipped);
        case FAILED, PARKED -> new KindCounts(succeeded, failed + 1, skipped);
        case SKIPPED, DISCARDED -> new KindCounts(succeeded, failed, skipped + 1);
        case PENDING, HELD -> this;
      };
    }
  }

  /**
   * One failed operation.
   *
   * @param operation its id
   * @param description what it tried, for example {@code create directory/jdoe}
   * @param outcome the failure
   */
  public record Failure(OperationId operation, String description, OperationOutcome outcome) {}

  public int succeeded() {
    return counts.values().stream().mapToInt(KindCounts::succeeded).sum();
  }

  public int failed() {
    return counts.values().stream().mapToInt(KindCounts::failed).sum();
  }

  public int skipped() {
    return counts.values().stream().mapToInt(KindCounts::skipped).sum();
  }

  /** True if every operation succeeded. */
  public boolean complete() {
    return failed() == 0 && skipped() == 0;
  }
}
