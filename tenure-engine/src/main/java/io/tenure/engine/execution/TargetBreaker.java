package io.tenure.engine.execution;

import io.tenure.connector.spi.ErrorKind;
import io.tenure.core.account.TargetId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One target's circuit breaker in one process: closed while the target answers; open from a
 * confirmed outage until a probe finds the target answering again, with one probe at a time and a
 * growing wait between probes. Thread-safe; its monitor is never held while a probe runs.
 */
final class TargetBreaker {

  private final TargetId target;
  private final ReentrantLock confirming = new ReentrantLock();
  private Instant since;
  private @Nullable Outage outage;
  private boolean probing;

  /**
   * An outage as the breaker records it.
   *
   * @param since when it began
   * @param kind the error kind of the failure that opened the breaker
   * @param error that failure's message
   * @param deferred operations handed back without an attempt since it began
   * @param failedProbes probes that found the target still out
   * @param probeDelay the wait before the next probe
   * @param nextProbe when the next probe is due
   */
  record Outage(
      Instant since,
      ErrorKind kind,
      String error,
      int deferred,
      int failedProbes,
      Duration probeDelay,
      Instant nextProbe) {

    Outage deferredOneMore() {
      return new Outage(since, kind, error, deferred + 1, failedProbes, probeDelay, nextProbe);
    }

    Outage probedAgainAfter(Instant now, Duration delay) {
      return new Outage(since, kind, error, deferred, failedProbes + 1, delay, now.plus(delay));
    }

    /** How long it lasted until {@code end}. */
    Duration lastedUntil(Instant end) {
      Duration lasted = Duration.between(since, end);
      return lasted.isNegative() ? Duration.ZERO : lasted;
    }
  }

  TargetBreaker(TargetId target, Instant since) {
    this.target = target;
    this.since = since;
  }

  TargetId target() {
    return target;
  }

  /** Held by the thread that checks, by probing, whether a connection failure is an outage. */
  ReentrantLock confirming() {
    return confirming;
  }

  synchronized boolean isOpen() {
    return outage != null;
  }

  /** When the breaker is open: counts one more operation handed back, and returns true. */
  synchronized boolean deferIfOpen() {
    Outage current = outage;
    if (current == null) {
      return false;
    }
    outage = current.deferredOneMore();
    return true;
  }

  /**
   * Opens the breaker at {@code now} for the failure, counting the operation that hit it as handed
   * back; the first probe is due after {@code probeDelay}. Returns false (and only counts the
   * operation) when it was open already.
   */
  synchronized boolean open(Instant now, ErrorKind kind, String error, Duration probeDelay) {
    if (deferIfOpen()) {
      return false;
    }
    outage = new Outage(now, kind, error, 1, 0, probeDelay, now.plus(probeDelay));
    since = now;
    return true;
  }

  /** Whether a probe is due now and none runs; if so, the caller runs it and reports its result. */
  synchronized boolean startProbe(Instant now) {
    Outage current = outage;
    if (current == null || probing || now.isBefore(current.nextProbe())) {
      return false;
    }
    probing = true;
    return true;
  }

  /** The probe found the target still out: the next one waits longer ({@code settings}). */
  synchronized void stillOut(Instant now, OutageSettings settings) {
    probing = false;
    Outage current = outage;
    if (current != null) {
      outage = current.probedAgainAfter(now, settings.nextProbeDelay(current.probeDelay()));
    }
  }

  /** The probe could not be run; the next dispatch round tries again. */
  synchronized void probeAbandoned() {
    probing = false;
  }

  /** The target answers again: closes the breaker and returns the outage that ended, if any. */
  synchronized Optional<Outage> close(Instant now) {
    probing = false;
    Outage ended = outage;
    if (ended == null) {
      return Optional.empty();
    }
    outage = null;
    since = now;
    return Optional.of(ended);
  }

  /** The current outage, if the breaker is open. */
  synchronized Optional<Outage> outage() {
    return Optional.ofNullable(outage);
  }

  /** The breaker as a view, its waiting count not taken (0). */
  synchronized TargetHealth health() {
    Outage current = outage;
    if (current == null) {
      return new TargetHealth(target, TargetHealth.State.CLOSED, since, 0, 0, null, null);
    }
    return new TargetHealth(
        target,
        TargetHealth.State.OPEN,
        current.since(),
        0,
        current.deferred(),
        current.kind() + ": " + current.error(),
        current.nextProbe());
  }
}
