package io.tenure.server.audit;

import io.tenure.governance.streaming.AuditStreamer;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Runs the audit streamer in the background while the server runs (nothing without sinks). */
public final class AuditStreaming implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(AuditStreaming.class);

  private final AuditStreamer streamer;
  private final Duration interval;
  private @Nullable ScheduledExecutorService scheduler;

  AuditStreaming(AuditStreamer streamer, Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException(
          "tenure.audit.stream.interval must be positive: " + interval);
    }
    this.streamer = streamer;
    this.interval = interval;
  }

  /** The streamer (tests deliver at once with it). */
  public AuditStreamer streamer() {
    return streamer;
  }

  @Override
  public synchronized void start() {
    if (streamer.sinks().isEmpty()) {
      return;
    }
    ScheduledExecutorService started =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "tenure-audit-stream");
              thread.setDaemon(true);
              return thread;
            });
    started.scheduleWithFixedDelay(
        () -> {
          try {
            streamer.deliver();
          } catch (RuntimeException e) {
            LOG.warn("audit streaming failed this round; it tries again", e);
          }
        },
        0,
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
    scheduler = started;
    LOG.info("streaming the audit trail to {}", streamer.sinks());
  }

  @Override
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdown();
      try {
        scheduler.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      scheduler = null;
    }
    streamer.close();
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }
}
