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
    Map<OperationKind, KindCounts> counts = new EnumMap<>(OperationKind.class);
    List<Failure> failures = new ArrayList<>();
    for (StoredOperation stored : operations) {
      OperationState state =
          switch (stored.state()) {
            case PENDING, FAILED -> OperationState.SKIPPED;
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
      counts.merge(stored.operation().kind(), KindCounts.NONE.plus(state), KindCounts::plus);
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
      return switch (state) {
        case SUCCEEDED -> new KindCounts(succeeded + 1, failed, skipped, held);
        case FAILED, PARKED -> new KindCounts(succeeded, failed + 1, skipped, held);
        case SKIPPED, DISCARDED -> new KindCounts(succeeded, failed, skipped + 1, held);
        case HELD -> new KindCounts(succeeded, failed, skipped, held + 1);
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
