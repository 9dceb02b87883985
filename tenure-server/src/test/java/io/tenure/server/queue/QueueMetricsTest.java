package io.tenure.server.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.core.account.TargetId;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.AddEntitlement;
import io.tenure.core.plan.Reason;
import io.tenure.engine.execution.OperationId;
import io.tenure.engine.execution.OperationOutcome;
import io.tenure.engine.execution.OperationQueue;
import io.tenure.engine.execution.OperationState;
import io.tenure.engine.execution.PlanId;
import io.tenure.engine.execution.StoredOperation;
import io.tenure.engine.execution.TargetHealth;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueMetricsTest {

  private static final TargetId DIRECTORY = new TargetId("directory");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final OperationQueue queue = mock(OperationQueue.class);
  private final QueueMetrics metrics = QueueMetrics.bind(registry, queue);

  private final StoredOperation grant =
      new StoredOperation(
          new OperationId(7),
          new PlanId("p"),
          0,
          new AddEntitlement(DIRECTORY, "ann", new IdentityId("i"), "staff", Reason.of("role")),
          OperationState.PENDING,
          0,
          null);

  @Test
  void attemptsFailuresAndLatencyAreRecordedPerTargetAndKind() {
    metrics.attempted(
        grant,
        new OperationOutcome(grant.id(), OperationState.SUCCEEDED, null, null),
        OperationState.SUCCEEDED,
        Duration.ofMillis(12));
    metrics.attempted(
        grant,
        new OperationOutcome(grant.id(), OperationState.FAILED, ErrorKind.CONNECTION, "down"),
        OperationState.FAILED,
        Duration.ofMillis(3));

    assertThat(
            registry
                .get("tenure.operation.attempts")
                .tag("target", "directory")
                .tag("kind", "ADD_ENTITLEMENT")
                .tag("outcome", "SUCCEEDED")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(
            registry.get("tenure.operation.failures").tag("error", "CONNECTION").counter().count())
        .isEqualTo(1.0);
    assertThat(registry.get("tenure.operation.latency").timer().count()).isEqualTo(2);
  }

  @Test
  void theDepthGaugesFollowTheQueueAndDropToZeroWhenAStateEmpties() {
    when(queue.depth())
        .thenReturn(
            Map.of(DIRECTORY, Map.of(OperationState.PENDING, 40L, OperationState.PARKED, 2L)))
        .thenReturn(Map.of(DIRECTORY, Map.of(OperationState.PARKED, 1L)));

    metrics.refresh();
    assertThat(registry.get("tenure.queue.depth").tag("state", "PENDING").gauge().value())
        .isEqualTo(40.0);

    metrics.refresh();
    assertThat(registry.get("tenure.queue.depth").tag("state", "PENDING").gauge().value()).isZero();
    assertThat(registry.get("tenure.queue.depth").tag("state", "PARKED").gauge().value())
        .isEqualTo(1.0);
  }

  @Test
  void theTargetGaugesFollowTheCircuitBreakers() {
    java.time.Instant since = java.time.Instant.parse("2026-03-02T10:15:03Z");
    metrics.refresh(
        java.util.List.of(
            new TargetHealth(
                DIRECTORY,
                TargetHealth.State.OPEN,
                since,
                312,
                5,
                "CONNECTION: down",
                since.plusSeconds(2))));
    assertThat(registry.get("tenure.target.out").tag("target", "directory").gauge().value())
        .isEqualTo(1.0);
    assertThat(registry.get("tenure.target.outage.waiting").gauge().value()).isEqualTo(312.0);
    assertThat(registry.get("tenure.target.outage.deferred").gauge().value()).isEqualTo(5.0);

    when(queue.depth()).thenReturn(Map.of());
    metrics.refresh();
    metrics.refresh(
        java.util.List.of(
            new TargetHealth(DIRECTORY, TargetHealth.State.CLOSED, since, 0, 0, null, null)));
    assertThat(registry.get("tenure.target.out").gauge().value()).isZero();
  }

  @Test
  void withoutARegistryNothingIsRecorded() {
    QueueMetrics none = QueueMetrics.none();
    none.refresh();
    none.attempted(
        grant,
        new OperationOutcome(grant.id(), OperationState.SUCCEEDED, null, null),
        OperationState.SUCCEEDED,
        Duration.ZERO);
    assertThat(registry.getMeters()).isEmpty();
  }
}
