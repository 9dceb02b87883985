package io.tenure.engine.execution;

import io.tenure.core.account.TargetId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one process's queue workers know of a target's availability: the state of its circuit
 * breaker ({@link OperationWorkers#health()}). Each process has its own breaker, so two processes
 * may see the same target differently for a moment; none of them loses work either way.
 *
 * @param target the target
 * @param state {@link State#OPEN} while the target is out (no operation of it is claimed; it is
 *     probed), {@link State#CLOSED} otherwise
 * @param since when the outage began (open), or when the target last recovered or the workers
 *     started (closed)
 * @param waiting the target's operations waiting in the queue when this view was taken, in every
 *     process: {@code PENDING} or {@code FAILED}; counted for open targets only (0 when closed)
 * @param deferred operations this process handed back during the current outage without counting an
 *     attempt (0 when closed)
 * @param error the failure that opened the breaker; null when closed
 * @param nextProbe when the target is probed next; null when closed
 */
public record TargetHealth(
    TargetId target,
    State state,
    Instant since,
    long waiting,
    int deferred,
    @Nullable String error,
    @Nullable Instant nextProbe) {

  /** The state of a target's circuit breaker. */
  public enum State {
    /** The target answers: its operations are claimed and run. */
    CLOSED,
    /** The target is out: none of its operations is claimed until a probe finds it answering. */
    OPEN
  }

  public TargetHealth {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(since, "since");
  }

  /** True while the target is out. */
  public boolean isOut() {
    return state == State.OPEN;
  }

  /** The failure that opened the breaker, while it is open. */
  public Optional<String> outageError() {
    return Optional.ofNullable(error);
  }

  TargetHealth withWaiting(long newWaiting) {
    return new TargetHealth(target, state, since, newWaiting, deferred, error, nextProbe);
  }
}
