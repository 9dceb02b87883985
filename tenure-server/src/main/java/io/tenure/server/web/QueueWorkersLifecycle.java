package io.tenure.server.web;

import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.connector.ConnectorRegistry;
import io.tenure.engine.execution.OperationWorkers;
import io.tenure.server.queue.QueueMetrics;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * {@code tenure serve} runs the durable queue's workers in the background for as long as it serves,
 * and refreshes the queue-depth and target-outage gauges every 15 seconds.
 */
@Component
class QueueWorkersLifecycle implements SmartLifecycle {

  private final OperationWorkers workers;
  private final TenureConfiguration configuration;
  private final QueueMetrics metrics;
  private @Nullable ConnectorRegistry connectors;
  private OperationWorkers.@Nullable Running running;
  private @Nullable ScheduledExecutorService refresher;

  QueueWorkersLifecycle(
      OperationWorkers workers, TenureConfiguration configuration, QueueMetrics metrics) {
    this.workers = workers;
    this.configuration = configuration;
    this.metrics = metrics;
  }

  @Override
  public synchronized void start() {
    ConnectorRegistry registry = ConnectorRegistry.load(configuration.targets());
    connectors = registry;
    running = workers.start(registry);
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "tenure-queue-metrics");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            metrics.refresh();
            metrics.refresh(workers.health());
          } catch (RuntimeException e) {
            // the store may be briefly unreachable; the next refresh tries again
          }
        },
        0,
        15,
        TimeUnit.SECONDS);
    refresher = scheduler;
  }

  @Override
  public synchronized void stop() {
    if (refresher != null) {
      refresher.shutdownNow();
      refresher = null;
    }
    if (running != null) {
      running.close();
      running = null;
    }
    if (connectors != null) {
      connectors.close();
      connectors = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return running != null;
  }
}
