package io.tenure.store;

import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.spi.ConnectorFactory;
import io.tenure.connector.spi.CreateCapability;
import io.tenure.connector.spi.NewAccount;
import io.tenure.connector.spi.RemoteAccount;
import io.tenure.core.account.TargetId;
import io.tenure.engine.configuration.GuardSettings;
import io.tenure.engine.configuration.TargetDefinition;
import io.tenure.engine.connector.ConnectorRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake target whose creates take a set time (a slow connector operation), counting how many run
 * at once and the most that ever did.
 */
final class SlowTarget {

  private final TargetId target;
  private volatile Duration duration;
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();
  private final AtomicInteger creates = new AtomicInteger();
  private final CountDownLatch started = new CountDownLatch(1);

  SlowTarget(TargetId target, Duration duration) {
    this.target = target;
    this.duration = duration;
  }

  /** How long each create takes from now on. */
  void takes(Duration newDuration) {
    duration = newDuration;
  }

  /** Waits until the first create has started. */
  boolean awaitStarted(Duration timeout) throws InterruptedException {
    return started.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  int running() {
    return running.get();
  }

  int mostAtOnce() {
    return mostAtOnce.get();
  }

  int creates() {
    return creates.get();
  }

  /** A registry with this target as its only one. */
  ConnectorRegistry registry() {
    ConnectorFactory factory =
        new ConnectorFactory() {
          @Override
          public String type() {
            return "slow";
          }

          @Override
          public Connector create(ConnectorConfiguration configuration) {
            return new SlowConnector();
          }
        };
    return ConnectorRegistry.of(List.of(factory), List.of(definition(target, "slow")));
  }

  /** A plain definition of the target, its connector of the type and named after the target. */
  static TargetDefinition definition(TargetId target, String type) {
    return new TargetDefinition(
        target,
        type,
        new ConnectorConfiguration(target.value(), Map.of(), Set.of()),
        "username",
        64,
        Map.of(),
        Duration.ofDays(30),
        GuardSettings.defaults());
  }

  private final class SlowConnector implements Connector, CreateCapability {

    @Override
    public String type() {
      return "slow";
    }

    @Override
    public RemoteAccount create(NewAccount account) {
      creates.incrementAndGet();
      int now = running.incrementAndGet();
      mostAtOnce.accumulateAndGet(now, Math::max);
      started.countDown();
      try {
        Thread.sleep(duration.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        running.decrementAndGet();
      }
      return new RemoteAccount(
          "id-" + account.name(),
          account.name(),
          account.attributes(),
          account.enabled(),
          Set.of());
    }

    @Override
    public void close() {}
  }
}
