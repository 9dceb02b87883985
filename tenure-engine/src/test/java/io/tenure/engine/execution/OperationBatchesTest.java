package io.tenure.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.spi.NewAccount;
import io.tenure.connector.testkit.FakeCall;
import io.tenure.connector.testkit.FakeOperation;
import io.tenure.connector.testkit.FakeTarget;
import io.tenure.core.plan.OperationKind;
import io.tenure.engine.configuration.TargetThrottle;
import io.tenure.engine.connector.ConnectorRegistry;
import io.tenure.engine.testing.EngineFixture;
import io.tenure.engine.testing.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue workers with a connector that has the batch capability (the fake target with a batch
 * size): the claimed operations of a round go in one batch, and each is recorded as a single run.
 */
class OperationBatchesTest {

  private static final String PEOPLE =
      "E1,Alice,Archer,alice@example.com,Engineering,active,2024-01-01,\n"
          + "E2,John,Smith,john@example.com,Sales,active,2024-01-01,\n"
          + "E3,Mia,Moss,mia@example.com,Sales,active,2024-01-01,\n";

  private static final RetryPolicy RETRY =
      new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 4);

  @TempDir Path folder;

  private final String instance = "batch-" + UUID.randomUUID();
  private final FakeTarget target = FakeTarget.named(instance);
  private EngineFixture engine;
  private ConnectorRegistry registry;
  private OperationWorkers workers;

  @BeforeEach
  void setUp() throws IOException {
    Path file = folder.resolve("people.csv");
    Files.writeString(file, Sources.HEADER + PEOPLE);
    engine = new EngineFixture(file, instance);
    engine.importer.importSource(engine.source());
    registry = ConnectorRegistry.load(engine.configuration.targets());
    workers =
        new OperationWorkers(
            engine.plans,
            engine.runner,
            QueueSettings.defaults().withRetry(RETRY),
            Map.of(EngineFixture.DIRECTORY, new TargetThrottle(10, 0)),
            engine.clock,
            new Random(7),
            "worker-a",
            "queue:test",
            (operation, outcome, next, took) -> {});
    target.setBatchSize(10);
  }

  @AfterEach
  void tearDown() {
    registry.close();
    FakeTarget.forget(instance);
  }

  private PlanId storePlan() {
    return engine.execution.store(engine.planning.plan(), "cli:test", "apply").id();
  }

  private int round() {
    return workers.dispatch(registry, Runnable::run);
  }

  private void drain() {
    while (round() > 0) {
      // until a round claims nothing
    }
  }

  private StoredOperation create(PlanId plan, String username) {
    return engine.plans.operations(plan).stream()
        .filter(stored -> stored.operation().kind() == OperationKind.CREATE_ACCOUNT)
        .filter(stored -> stored.operation().username().equals(username))
        .findFirst()
        .orElseThrow();
  }

  private List<OperationAttempt> attempts(PlanId plan, String username) {
    return engine.plans.attempts(create(plan, username).id());
  }

  @Test
  void theCreatesOfOneRoundGoInOneBatchAndEachOutcomeIsRecorded() {
    PlanId plan = storePlan();

    assertThat(round()).isEqualTo(3);

    assertThat(target.calls(FakeOperation.BATCH)).isEqualTo(1);
    assertThat(target.calls(FakeOperation.CREATE)).isEqualTo(3);
    for (String username : List.of("aarcher", "jsmith", "mmoss")) {
      assertThat(create(plan, username).state()).isEqualTo(OperationState.SUCCEEDED);
      assertThat(attempts(plan, username))
          .extracting(OperationAttempt::outcome)
          .containsExactly(OperationState.SUCCEEDED);
      assertThat(engine.audit.events())
          .filteredOn(event -> event.action().equals("operation.succeeded"))
          .filteredOn(event -> event.subject().equals("directory/" + username))
          .hasSize(1);
    }

    drain();

    assertThat(engine.plans.operations(plan))
        .allMatch(stored -> stored.state() == OperationState.SUCCEEDED);
    assertThat(target.account("aarcher").orElseThrow().entitlements())
        .containsExactly("engineering", "staff");
    assertThat(engine.planning.plan().operations()).isEmpty();
  }

  @Test
  void aFailingCallOfABatchIsRetriedOrParkedLikeASingleOne() {
    PlanId plan = storePlan();
    target.failNext(1, ErrorKind.CONNECTION, FakeCall.on(FakeOperation.CREATE, "aarcher"));
    target.failNext(1, ErrorKind.CONSTRAINT, FakeCall.on(FakeOperation.CREATE, "jsmith"));

    round();

    assertThat(target.calls(FakeOperation.BATCH)).isEqualTo(1);
    StoredOperation retried = create(plan, "aarcher");
    assertThat(retried.state()).isEqualTo(OperationState.FAILED);
    assertThat(engine.plans.find(retried.id()).orElseThrow().nextAttemptAt())
        .isBetween(engine.clock.instant(), engine.clock.instant().plus(RETRY.ceiling(1)));
    assertThat(attempts(plan, "aarcher"))
        .extracting(OperationAttempt::errorKind)
        .containsExactly(ErrorKind.CONNECTION);
    assertThat(create(plan, "jsmith").state()).isEqualTo(OperationState.PARKED);
    assertThat(engine.audit.events())
        .anyMatch(
            event ->
                event.action().equals("operation.parked")
                    && event.subject().equals("directory/jsmith"));
    assertThat(create(plan, "mmoss").state()).isEqualTo(OperationState.SUCCEEDED);

    engine.clock.advance(Duration.ofSeconds(30));
    drain();

    assertThat(create(plan, "aarcher").state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(target.account("aarcher")).isPresent();
  }

  @Test
  void aCreateThatFindsTheAccountInABatchLinksItAsASingleRunWould() {
    PlanId plan = storePlan();
    target.seed(NewAccount.of("mmoss", Map.of("cn", "Someone Else"), false));

    round();

    assertThat(target.calls(FakeOperation.BATCH)).isEqualTo(1);
    StoredOperation linked = create(plan, "mmoss");
    assertThat(linked.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(attempts(plan, "mmoss").get(0).message()).startsWith("linked the existing account");
    assertThat(target.account("mmoss").orElseThrow().enabled()).isTrue();
    assertThat(target.account("mmoss").orElseThrow().attributes().get("cn"))
        .containsExactly("Mia Moss");
  }

  @Test
  void whenTheWholeBatchFailsEveryOperationOfItFailsRetryably() {
    PlanId plan = storePlan();
    target.failNext(1, ErrorKind.CONNECTION, FakeOperation.BATCH);

    round();

    assertThat(target.calls(FakeOperation.CREATE)).isZero();
    for (String username : List.of("aarcher", "jsmith", "mmoss")) {
      assertThat(create(plan, username).state()).isEqualTo(OperationState.FAILED);
      assertThat(attempts(plan, username))
          .extracting(OperationAttempt::errorKind)
          .containsExactly(ErrorKind.CONNECTION);
    }

    engine.clock.advance(Duration.ofSeconds(30));
    drain();

    assertThat(engine.plans.operations(plan))
        .allMatch(stored -> stored.state() == OperationState.SUCCEEDED);
    assertThat(target.accountNames()).containsExactlyInAnyOrder("aarcher", "jsmith", "mmoss");
  }

  @Test
  void withABatchSizeOfOneEveryOperationRunsSingly() {
    target.setBatchSize(1);
    PlanId plan = storePlan();

    drain();

    assertThat(target.calls(FakeOperation.BATCH)).isZero();
    assertThat(engine.plans.operations(plan))
        .allMatch(stored -> stored.state() == OperationState.SUCCEEDED);
  }
}
