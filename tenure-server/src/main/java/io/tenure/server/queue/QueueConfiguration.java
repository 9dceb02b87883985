package io.tenure.server.queue;

import io.micrometer.core.instrument.MeterRegistry;
import io.tenure.core.account.TargetId;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.configuration.TargetDefinition;
import io.tenure.engine.configuration.TargetThrottle;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.execution.AttemptListener;
import io.tenure.engine.execution.ExecutionService;
import io.tenure.engine.execution.OperationQueue;
import io.tenure.engine.execution.OperationRunner;
import io.tenure.engine.execution.OperationWorkers;
import io.tenure.engine.execution.OutageSettings;
import io.tenure.engine.execution.PlanRepository;
import io.tenure.engine.execution.QueueAdministration;
import io.tenure.engine.execution.QueueSettings;
import io.tenure.engine.execution.QueuedExecution;
import io.tenure.engine.execution.RetryPolicy;
import io.tenure.engine.progress.ProgressBoard;
import io.tenure.engine.store.IdGenerator;
import io.tenure.engine.store.Transactions;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * The durable queue's beans: settings (the {@code queue:} section of tenure.yaml; a system property
 * {@code tenure.queue.workers}, {@code tenure.queue.lease}, {@code tenure.queue.pollInterval},
 * {@code tenure.queue.retry.baseDelay}, {@code tenure.queue.retry.maxDelay}, {@code
 * tenure.queue.retry.maxAge}, {@code tenure.queue.outage.probeDelay}, {@code
 * tenure.queue.outage.maxProbeDelay} or {@code tenure.queue.outage.patience} as ISO-8601 durations
 * such as {@code PT30S}, or {@code tenure.queue.retry.maxAttempts} overrides one key for a run),
 * this process's workers (per-target throttles from {@code targets.X.concurrency} and {@code
 * targets.X.rateLimit}), queued execution and operator actions. Micrometer metrics are recorded
 * when a meter registry exists (the served application).
 */
@Configuration(proxyBeanMethods = false)
@Lazy
class QueueConfiguration {

  static final String PREFIX = "tenure.queue.";

  @Bean
  QueueSettings queueSettings(TenureConfiguration configuration, Environment environment) {
    QueueSettings defaults = configuration.queue();
    RetryPolicy retry =
        new RetryPolicy(
            duration(environment, "retry.baseDelay", defaults.retry().baseDelay()),
            duration(environment, "retry.maxDelay", defaults.retry().maxDelay()),
            integer(environment, "retry.maxAttempts", defaults.retry().maxAttempts()),
            duration(environment, "retry.maxAge", defaults.retry().maxAge()));
    OutageSettings outage =
        new OutageSettings(
            duration(environment, "outage.probeDelay", defaults.outage().probeDelay()),
            duration(environment, "outage.maxProbeDelay", defaults.outage().maxProbeDelay()),
            duration(environment, "outage.patience", defaults.outage().patience()));
    return new QueueSettings(
        retry,
        duration(environment, "lease", defaults.lease()),
        integer(environment, "workers", defaults.workers()),
        duration(environment, "pollInterval", defaults.pollInterval()),
        outage);
  }

  @Bean
  QueueMetrics queueMetrics(ObjectProvider<MeterRegistry> registry, OperationQueue queue) {
    MeterRegistry meters = registry.getIfAvailable();
    return meters == null ? QueueMetrics.none() : QueueMetrics.bind(meters, queue);
  }

  @Bean
  OperationWorkers operationWorkers(
      OperationQueue queue,
      OperationRunner runner,
      QueueSettings settings,
      TenureConfiguration configuration,
      Clock clock,
      QueueMetrics metrics,
      ObjectProvider<ProgressBoard> progress) {
    Map<TargetId, TargetThrottle> throttles = new TreeMap<>();
    for (TargetDefinition target : configuration.targets()) {
      throttles.put(target.id(), target.throttle());
    }
    ProgressBoard board = progress.getIfAvailable(ProgressBoard::new);
    AttemptListener listener =
        (operation, outcome, nextState, took) -> {
          metrics.attempted(operation, outcome, nextState, took);
          if (nextState != io.tenure.engine.execution.OperationState.PENDING) {
            board.advance(1);
          }
        };
    return new OperationWorkers(
        queue,
        runner,
        settings,
        throttles,
        clock,
        new SecureRandom(),
        workerName(),
        "queue:" + workerName(),
        listener);
  }

  @Bean
  QueuedExecution queuedExecution(
      PlanRepository plans,
      OperationQueue queue,
      OperationWorkers workers,
      Transactions transactions,
      IdGenerator ids,
      Clock clock,
      TenureConfiguration configuration) {
    return new QueuedExecution(
        plans,
        queue,
        workers,
        transactions,
        ids,
        clock,
        ExecutionService.serviceLoaded(configuration.targets()));
  }

  @Bean
  QueueAdministration queueAdministration(
      OperationQueue queue, AuditLog audit, Transactions transactions, Clock clock) {
    return new QueueAdministration(queue, audit, transactions, clock);
  }

  private static final String WORKER =
      ManagementFactory.getRuntimeMXBean().getName()
          + "-"
          + HexFormat.of().formatHex(new SecureRandom().generateSeed(3));

  /** This process's worker name: pid@host and a random suffix. */
  static String workerName() {
    return WORKER;
  }

  private static Duration duration(Environment environment, String key, Duration fallback) {
    String value = environment.getProperty(PREFIX + key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Duration.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          PREFIX + key + ": '" + value + "' is not an ISO-8601 duration such as PT30S", e);
    }
  }

  private static int integer(Environment environment, String key, int fallback) {
    String value = environment.getProperty(PREFIX + key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PREFIX + key + ": '" + value + "' is not a number", e);
    }
  }
}
