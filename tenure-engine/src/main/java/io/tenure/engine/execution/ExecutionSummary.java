package io.tenure.engine.execution;

import io.tenure.core.plan.OperationKind;
import java.util.ArrayList;
import java.util.Collection;
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

  /**
   * What stored operations came to, once the queue settled them: succeeded, failed ({@code PARKED},
   * listed as failures), skipped ({@code SKIPPED}, {@code DISCARDED}, or not run: {@code PENDING},
   * {@code FAILED} or {@code HELD}, waiting behind a parked or held operation or for an operator).
   */
  public static ExecutionSummary of(PlanId plan, Collection<StoredOperation> operations) {
    Map<OperationKind, KindCounts> counts = new EnumMap<>(OperationKind.class);
    List<Failure> failures = new ArrayList<>();
    for (StoredOperation stored : operations) {
      OperationState state =
          switch (stored.state()) {
            case PENDING, FAILED, HELD -> OperationState.SKIPPED;
            default -> stored.state();
          };
      if (stored.state() == OperationState.PARKED) {
        failures.add(
            new Failure(
                stored.id(),
                stored.operation().describe(),
                new OperationOutcome(
                    stored.id(), OperationState.PARKED, null, stored.lastError())));
      }
      counts.merge(
          stored.operation().kind(),
          new KindCounts(0, 0, 0).plus(state),
          (left, right) ->
              new KindCounts(
                  left.succeeded() + right.succeeded(),
                  left.failed() + right.failed(),
                  left.skipped() + right.skipped()));
    }
    return new ExecutionSummary(plan, counts, failures);
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
