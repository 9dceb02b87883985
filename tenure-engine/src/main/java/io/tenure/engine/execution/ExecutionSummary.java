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
 * @param counts per operation kind, how many succeeded, failed, were skipped and are held by the
 *     mass-change brake (kinds with no operation omitted)
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
   * listed as failures), skipped ({@code SKIPPED}, {@code DISCARDED}, or not run: {@code PENDING}
   * or {@code FAILED}, waiting behind a parked or held operation), held ({@code HELD}: waiting for
   * an operator to resume or reject their plan).
   */
  public static ExecutionSummary of(PlanId plan, Collection<StoredOperation> operations) {
    Map<OperationKind, Map<OperationState, Integer>> counts = new EnumMap<>(OperationKind.class);
    List<StoredOperation> parked = new ArrayList<>();
    for (StoredOperation stored : operations) {
      counts
          .computeIfAbsent(stored.operation().kind(), kind -> new EnumMap<>(OperationState.class))
          .merge(stored.state(), 1, Integer::sum);
      if (stored.state() == OperationState.PARKED) {
        parked.add(stored);
      }
    }
    return of(plan, counts, parked);
  }

  /**
   * As {@link #of(PlanId, Collection)}, from the operations counted per kind and state and the
   * parked ones alone (in plan order), so that a plan of any size is summarised without reading its
   * operations.
   */
  public static ExecutionSummary of(
      PlanId plan,
      Map<OperationKind, Map<OperationState, Integer>> counted,
      List<StoredOperation> parked) {
    Map<OperationKind, KindCounts> counts = new EnumMap<>(OperationKind.class);
    counted.forEach(
        (kind, states) ->
            states.forEach(
                (stored, count) -> {
                  OperationState state =
                      switch (stored) {
                        case PENDING, FAILED -> OperationState.SKIPPED;
                        default -> stored;
                      };
                  counts.merge(kind, KindCounts.NONE.times(state, count), KindCounts::plus);
                }));
    List<Failure> failures = new ArrayList<>();
    for (StoredOperation stored : parked) {
      failures.add(
          new Failure(
              stored.id(),
              stored.operation().describe(),
              new OperationOutcome(stored.id(), OperationState.PARKED, null, stored.lastError())));
    }
    return new ExecutionSummary(plan, counts, failures);
  }

  /**
   * How many operations of one kind succeeded, failed (retryably or permanently), were skipped (or
   * discarded, or wait behind a failed operation of their account), and are held by the mass-change
   * brake until an operator resumes or rejects their plan.
   */
  public record KindCounts(int succeeded, int failed, int skipped, int held) {

    /** No operation. */
    public static final KindCounts NONE = new KindCounts(0, 0, 0, 0);

    KindCounts plus(OperationState state) {
      return times(state, 1);
    }

    /** {@link #plus(OperationState)} {@code count} times. */
    KindCounts times(OperationState state, int count) {
      return switch (state) {
        case SUCCEEDED -> new KindCounts(succeeded + count, failed, skipped, held);
        case FAILED, PARKED -> new KindCounts(succeeded, failed + count, skipped, held);
        case SKIPPED, DISCARDED -> new KindCounts(succeeded, failed, skipped + count, held);
        case HELD -> new KindCounts(succeeded, failed, skipped, held + count);
        case PENDING -> this;
      };
    }

    KindCounts plus(KindCounts other) {
      return new KindCounts(
          succeeded + other.succeeded,
          failed + other.failed,
          skipped + other.skipped,
          held + other.held);
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

  /** How many operations wait for an operator to resume or reject their held plan. */
  public int held() {
    return counts.values().stream().mapToInt(KindCounts::held).sum();
  }

  /** True if every operation succeeded. */
  public boolean complete() {
    return failed() == 0 && skipped() == 0 && held() == 0;
  }
}
