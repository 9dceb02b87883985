package io.tenure.engine.execution;

import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.core.account.TargetId;
import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.connector.ConnectorRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The circuit breakers of one process's queue workers, one per target, and what they record.
 *
 * <p>A connection failure ({@link ErrorKind#CONNECTION} or {@link ErrorKind#TIMEOUT}) of an
 * operation is an outage only when the target also fails a probe ({@link TargetProbe}) with a
 * connection failure: then the breaker opens, a {@code target.outage} audit event is appended, and
 * the operation is handed back without an attempt. When the probe finds the target answering, the
 * failure is the operation's own (a broken pooled connection, one slow request) and counts as
 * before. {@link ErrorKind#BUSY} is throttling, never an outage: it keeps its backoff.
 *
 * <p>While a breaker is open, its target is probed (one probe at a time, waits growing as {@link
 * OutageSettings} says); the first probe that finds it answering closes the breaker and appends one
 * {@code target.recovered} event with the outage's duration and how many operations waited. Each
 * process has its own breakers and writes its own pair of events.
 */
final class TargetBreakers {

  private static final System.Logger LOG = System.getLogger(TargetBreakers.class.getName());

  private final OperationQueue queue;
  private final OperationRunner runner;
  private final OutageSettings settings;
  private final Clock clock;
  private final String worker;
  private final String actor;
  private final Runnable onRecovery;
  private final Instant started;
  private final Map<TargetId, TargetBreaker> breakers = new ConcurrentHashMap<>();

  /**
   * @param runner records the breakers' audit events
   * @param worker the process's worker name, recorded in the events
   * @param actor the events' actor
   * @param onRecovery run after a breaker closed (wakes the dispatcher)
   */
  TargetBreakers(
      OperationQueue queue,
      OperationRunner runner,
      OutageSettings settings,
      Clock clock,
      String worker,
      String actor,
      Runnable onRecovery) {
    this.queue = queue;
    this.runner = runner;
    this.settings = settings;
    this.clock = clock;
    this.worker = worker;
    this.actor = actor;
    this.onRecovery = onRecovery;
    this.started = clock.instant();
  }

  /** Whether a failure of this kind may be an outage: a connection failure or a timeout. */
  static boolean isOutage(ErrorKind kind) {
    return kind == ErrorKind.CONNECTION || kind == ErrorKind.TIMEOUT;
  }

  /** Whether the target is out: its breaker is open and none of its operations may be claimed. */
  boolean paused(TargetId target) {
    TargetBreaker breaker = breakers.get(target);
    return breaker != null && breaker.isOpen();
  }

  /** When the target is out: counts one operation handed back unrun, and returns true. */
  boolean deferIfPaused(TargetId target) {
    TargetBreaker breaker = breakers.get(target);
    return breaker != null && breaker.deferIfOpen();
  }

  /**
   * Whether an operation's failure is its target's outage (then the operation is handed back
   * without an attempt, and counted as such). Yes when the breaker is open already; otherwise, for
   * a connection failure, the target is probed (by one thread per target at a time; the others wait
   * for its verdict), and a probe that fails with a connection failure too opens the breaker. Not
   * an outage when the failure is of another kind, or the connector cannot be probed.
   */
  boolean confirm(TargetId target, ConnectorException failure, Connector connector) {
    if (!isOutage(failure.kind()) || !TargetProbe.possible(connector)) {
      return false;
    }
    TargetBreaker breaker = breakers.computeIfAbsent(target, id -> new TargetBreaker(id, started));
    if (breaker.deferIfOpen()) {
      return true;
    }
    breaker.confirming().lock();
    try {
      if (breaker.deferIfOpen()) {
        return true;
      }
      Optional<ConnectorException> probe = TargetProbe.outage(connector);
      if (probe.isEmpty()) {
        return false;
      }
      Instant now = clock.instant();
      if (breaker.open(now, failure.kind(), message(failure), settings.probeDelay())) {
        LOG.log(
            System.Logger.Level.WARNING,
            "target "
                + target
                + " is out ("
                + message(failure)
                + "); its operations wait, uncounted, until it answers a probe");
        record(outageEvent(target, failure, probe.get(), now));
      }
      return true;
    } finally {
      breaker.confirming().unlock();
    }
  }

  /**
   * When the target is out and its next probe is due (and none runs), hands a probe to the
   * executor. The probe closes the breaker when the target answers, or schedules the next one.
   */
  void probeIfDue(TargetId target, ConnectorRegistry connectors, Executor executor) {
    TargetBreaker breaker = breakers.get(target);
    if (breaker == null || !breaker.startProbe(clock.instant())) {
      return;
    }
    try {
      executor.execute(() -> probe(breaker, connectors));
    } catch (RuntimeException e) {
      breaker.probeAbandoned();
      LOG.log(System.Logger.Level.WARNING, "could not probe target " + target, e);
    }
  }

  private void probe(TargetBreaker breaker, ConnectorRegistry connectors) {
    Optional<ConnectorException> stillOut;
    try {
      stillOut = TargetProbe.outage(connectors.connector(breaker.target()));
    } catch (ConnectorException e) {
      stillOut = isOutage(e.kind()) ? Optional.of(e) : Optional.empty();
    } catch (RuntimeException e) {
      breaker.probeAbandoned();
      LOG.log(System.Logger.Level.WARNING, "could not probe target " + breaker.target(), e);
      return;
    }
    if (stillOut.isPresent()) {
      breaker.stillOut(clock.instant(), settings);
    } else {
      recovered(breaker);
    }
  }

  private void recovered(TargetBreaker breaker) {
    Instant now = clock.instant();
    Optional<TargetBreaker.Outage> ended = breaker.close(now);
    if (ended.isEmpty()) {
      return;
    }
    TargetId target = breaker.target();
    Duration lasted = ended.get().lastedUntil(now);
    LOG.log(
        System.Logger.Level.INFO,
        "target " + target + " answers again after " + lasted + "; its operations resume");
    record(recoveredEvent(target, ended.get(), lasted, waiting(List.of(target)).get(target), now));
    onRecovery.run();
  }

  /** The breakers of these targets (and of any other target that has one) as views. */
  List<TargetHealth> health(Collection<TargetId> targets) {
    Set<TargetId> all = new TreeSet<>(targets);
    all.addAll(breakers.keySet());
    List<TargetHealth> views = new ArrayList<>();
    List<TargetId> out = new ArrayList<>();
    for (TargetId target : all) {
      TargetBreaker breaker = breakers.get(target);
      TargetHealth view =
          breaker == null
              ? new TargetHealth(target, TargetHealth.State.CLOSED, started, 0, 0, null, null)
              : breaker.health();
      views.add(view);
      if (view.isOut()) {
        out.add(target);
      }
    }
    if (out.isEmpty()) {
      return views;
    }
    Map<TargetId, Long> waiting = waiting(out);
    return views.stream()
        .map(
            view -> view.isOut() ? view.withWaiting(waiting.getOrDefault(view.target(), 0L)) : view)
        .toList();
  }

  /** The targets that have been out since {@code before} or earlier. */
  Set<TargetId> outSince(Instant before) {
    Set<TargetId> out = new TreeSet<>();
    breakers.forEach(
        (target, breaker) ->
            breaker
                .outage()
                .filter(outage -> !outage.since().isAfter(before))
                .ifPresent(outage -> out.add(target)));
    return out;
  }

  /** The targets' PENDING and FAILED operations in the queue; targets absent if unreadable. */
  private Map<TargetId, Long> waiting(Collection<TargetId> targets) {
    Map<TargetId, Long> waiting = new TreeMap<>();
    try {
      Map<TargetId, Map<OperationState, Long>> depth = queue.depth();
      for (TargetId target : targets) {
        Map<OperationState, Long> states = depth.getOrDefault(target, Map.of());
        waiting.put(
            target,
            states.getOrDefault(OperationState.PENDING, 0L)
                + states.getOrDefault(OperationState.FAILED, 0L));
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "could not count the operations waiting", e);
    }
    return waiting;
  }

  private void record(AuditEvent event) {
    try {
      runner.recordEvent(event);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "could not record " + event.action(), e);
    }
  }

  private AuditEvent outageEvent(
      TargetId target, ConnectorException failure, ConnectorException probe, Instant at) {
    Map<String, String> details = new TreeMap<>();
    details.put("target", target.value());
    details.put("errorKind", failure.kind().name());
    details.put("error", message(failure));
    details.put("probeError", message(probe));
    details.put("worker", worker);
    return new AuditEvent(
        at,
        actor,
        "target.outage",
        "target " + target,
        "the target does not answer: " + message(failure),
        "paused",
        details);
  }

  private AuditEvent recoveredEvent(
      TargetId target,
      TargetBreaker.Outage outage,
      Duration lasted,
      @Nullable Long waiting,
      Instant at) {
    Map<String, String> details = new TreeMap<>();
    details.put("target", target.value());
    details.put("since", outage.since().toString());
    details.put("duration", lasted.toString());
    details.put("deferred", Integer.toString(outage.deferred()));
    details.put("failedProbes", Integer.toString(outage.failedProbes()));
    if (waiting != null) {
      details.put("waiting", Long.toString(waiting));
    }
    details.put("worker", worker);
    return new AuditEvent(
        at,
        actor,
        "target.recovered",
        "target " + target,
        "the target answers again after " + lasted,
        "resumed",
        details);
  }

  private static String message(ConnectorException failure) {
    return failure.getMessage() == null ? failure.kind().name() : failure.getMessage();
  }
}
