package io.tenure.server.queue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tenure.core.account.TargetId;
import io.tenure.engine.execution.AttemptListener;
import io.tenure.engine.execution.OperationOutcome;
import io.tenure.engine.execution.OperationQueue;
import io.tenure.engine.execution.OperationState;
import io.tenure.engine.execution.StoredOperation;
import io.tenure.engine.execution.TargetHealth;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The queue's Micrometer metrics: {@code tenure.queue.depth} (gauge per target and state, refreshed
 * by {@link #refresh()}), {@code tenure.operation.attempts} and {@code tenure.operation.failures}
 * (counters per target, kind, outcome), {@code tenure.operation.latency} (timer per target and
 * kind), and per target, from this process's circuit breakers ({@link #refresh(List)}): {@code
 * tenure.target.out} (1 while the target is out, else 0), {@code tenure.target.outage.waiting}
 * (operations waiting for it) and {@code tenure.target.outage.deferred} (operations handed back
 * during the current outage without spending an attempt).
 */
public final class QueueMetrics implements AttemptListener {

  private final @Nullable MeterRegistry registry;
  private final @Nullable OperationQueue queue;
  private final Map<String, AtomicLong> depths = new ConcurrentHashMap<>();

  private QueueMetrics(@Nullable MeterRegistry registry, @Nullable OperationQueue queue) {
    this.registry = registry;
    this.queue = queue;
  }

  static QueueMetrics bind(MeterRegistry registry, OperationQueue queue) {
    return new QueueMetrics(registry, queue);
  }

  /** Metrics that record nothing (no meter registry, as in the command line). */
  static QueueMetrics none() {
    return new QueueMetrics(null, null);
  }

  @Override
  public void attempted(
      StoredOperation operation, OperationOutcome outcome, OperationState next, Duration took) {
    MeterRegistry registry = this.registry;
    if (registry == null) {
      return;
    }
    String target = operation.operation().target().value();
    String kind = operation.operation().kind().name();
    Counter.builder("tenure.operation.attempts")
        .description("Attempts to run an operation")
        .tag("target", target)
        .tag("kind", kind)
        .tag("outcome", next.name())
        .register(registry)
        .increment();
    if (outcome.failed()) {
      Counter.builder("tenure.operation.failures")
          .description("Failed attempts, by error kind")
          .tag("target", target)
          .tag("kind", kind)
          .tag("error", outcome.errorKind() == null ? "OTHER" : outcome.errorKind().name())
          .register(registry)
          .increment();
    }
    Timer.builder("tenure.operation.latency")
        .description("How long one attempt took, recording included")
        .tag("target", target)
        .tag("kind", kind)
        .register(registry)
        .record(took);
  }

  /** Reads the queue's depth by target and state into the gauges. */
  public void refresh() {
    OperationQueue queue = this.queue;
    if (queue == null) {
      return;
    }
    Map<TargetId, Map<OperationState, Long>> depth = queue.depth();
    depths.forEach(
        (key, value) -> {
          if (!key.startsWith("tenure.target.")) {
            value.set(0);
          }
        });
    depth.forEach(
        (target, states) ->
            states.forEach((state, count) -> gauge(target.value(), state.name()).set(count)));
  }

  /** Reads this process's circuit breakers into the target gauges. */
  public void refresh(List<TargetHealth> health) {
    if (registry == null) {
      return;
    }
    for (TargetHealth target : health) {
      String name = target.target().value();
      targetGauge("tenure.target.out", name, "1 while the target is out (circuit open), else 0")
          .set(target.isOut() ? 1 : 0);
      targetGauge(
              "tenure.target.outage.waiting", name, "Operations waiting for a target that is out")
          .set(target.waiting());
      targetGauge(
              "tenure.target.outage.deferred",
              name,
              "Operations handed back during the current outage, no attempt spent")
          .set(target.deferred());
    }
  }

  private AtomicLong targetGauge(String metric, String target, String description) {
    MeterRegistry registry = java.util.Objects.requireNonNull(this.registry);
    return depths.computeIfAbsent(
        metric + "\u0000" + target,
        ignored -> {
          AtomicLong value = new AtomicLong();
          Gauge.builder(metric, value, AtomicLong::get)
              .description(description)
              .tag("target", target)
              .register(registry);
          return value;
        });
  }

  private AtomicLong gauge(String target, String state) {
    MeterRegistry registry = java.util.Objects.requireNonNull(this.registry);
    return depths.computeIfAbsent(
        target + "\u0000" + state,
        ignored -> {
          AtomicLong value = new AtomicLong();
          Gauge.builder("tenure.queue.depth", value, AtomicLong::get)
              .description("Stored operations by target and state")
              .tag("target", target)
              .tag("state", state)
              .register(registry);
          return value;
        });
  }
}
