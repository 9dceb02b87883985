package io.tenure.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.testkit.FakeOperation;
import io.tenure.connector.testkit.FakeTarget;
import io.tenure.core.account.KnownAccount;
import io.tenure.core.plan.AddEntitlement;
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
 * The queue workers gather the ready grants of an entitlement into one batch when the connector
 * asks for it ({@code BatchCapability#maxGrantsOfOneEntitlement}), each operation still with its
 * own outcome.
 */
class GrantGatheringTest {

  /** Six engineers: each gets a create, then engineering, then staff (in that order). */
  private static final String PEOPLE =
      "E1,Alice,Archer,alice@example.com,Engineering,active,2024-01-01,\n"
          + "E2,John,Smith,john@example.com,Engineering,active,2024-01-01,\n"
          + "E3,Mia,Moss,mia@example.com,Engineering,active,2024-01-01,\n"
          + "E4,Noor,Nasser,noor@example.com,Engineering,active,2024-01-01,\n"
          + "E5,Olga,Orlov,olga@example.com,Engineering,active,2024-01-01,\n"
          + "E6,Piet,Prins,piet@example.com,Engineering,active,2024-01-01,\n";

  private static final RetryPolicy RETRY =
      new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 4);

  @TempDir Path folder;

  private final String instance = "gather-" + UUID.randomUUID();
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
    // one call at a time, of at most two operations: a round claims two
    target.setBatchSize(2);
    workers =
        new OperationWorkers(
            engine.plans,
            engine.runner,
            QueueSettings.defaults().withRetry(RETRY),
            Map.of(EngineFixture.DIRECTORY, new TargetThrottle(1, 0)),
            engine.clock,
            new Random(7),
            "worker-a",
            "queue:test",
            (operation, outcome, next, took) -> {});
  }

  @AfterEach
  void tearDown() {
    registry.close();
    FakeTarget.forget(instance);
  }

  private PlanId storePlan() {
    return engine.execution.store(engine.planning.plan(), "cli:test", "apply").id();
  }

  /** One dispatch round, its batches run in the calling thread. */
  private int round() {
    return workers.dispatch(registry, Runnable::run);
  }

  private List<StoredOperation> grants(PlanId plan, String entitlement) {
    return engine.plans.operations(plan).stream()
        .filter(stored -> stored.operation() instanceof AddEntitlement add)
        .filter(stored -> ((AddEntitlement) stored.operation()).entitlement().equals(entitlement))
        .toList();
  }

  @Test
  void theReadyGrantsOfAnEntitlementGoInOneBatchEachWithItsOwnOutcome() {
    target.setGrantsOfOneEntitlement(100);
    PlanId plan = storePlan();

    assertThat(round()).as("two creates").isEqualTo(2);
    assertThat(round()).isEqualTo(2);
    assertThat(round()).isEqualTo(2);
    assertThat(target.batchSizes()).containsExactly(2, 2, 2);

    assertThat(round())
        .as("two engineering grants claimed, the four other ready ones gathered")
        .isEqualTo(6);
    assertThat(target.batchSizes()).containsExactly(2, 2, 2, 6);
    assertThat(target.members("engineering")).hasSize(6);
    assertThat(grants(plan, "engineering"))
        .allSatisfy(
            stored -> {
              assertThat(stored.state()).isEqualTo(OperationState.SUCCEEDED);
              assertThat(engine.plans.attempts(stored.id()))
                  .extracting(OperationAttempt::outcome)
                  .containsExactly(OperationState.SUCCEEDED);
            });
    assertThat(grants(plan, "staff"))
        .as("the staff grants wait for their account's engineering grant, now done")
        .allMatch(stored -> stored.state() == OperationState.PENDING);

    assertThat(round()).as("the six staff grants, gathered").isEqualTo(6);
    assertThat(round()).isZero();
    assertThat(target.batchSizes()).containsExactly(2, 2, 2, 6, 6);
    assertThat(engine.plans.operations(plan))
        .allMatch(stored -> stored.state() == OperationState.SUCCEEDED);
    assertThat(engine.audit.events())
        .filteredOn(event -> event.action().equals("operation.succeeded"))
        .hasSize(18);
    assertThat(engine.planning.plan().operations()).isEmpty();
  }

  @Test
  void aGatheredBatchLargerThanOneRecordingIsRecordedPartByPartEachWithItsAccount()
      throws IOException {
    // 2,500 engineers: their grants of a group are gathered into batches of more than one
    // recording (1,000), whose known accounts are read again part by part when recorded
    StringBuilder people = new StringBuilder(Sources.HEADER);
    for (int number = 1; number <= 2500; number++) {
      people.append(
          "E%d,Given%d,Family%d,person%d@example.com,Engineering,active,2024-01-01,\n"
              .formatted(number, number, number, number));
    }
    Files.writeString(folder.resolve("people.csv"), people);
    engine.importer.importSource(engine.source());
    target.setBatchSize(1000);
    target.setGrantsOfOneEntitlement(5000);
    PlanId plan = storePlan();
    while (grants(plan, "engineering").get(0).state() == OperationState.PENDING) {
      round();
    }
    Map<String, KnownAccount> created = new java.util.HashMap<>();
    engine.accounts.all().forEach(account -> created.put(account.username(), account));
    assertThat(created).hasSize(2500);

    while (round() > 0) {
      // until everything ran
    }

    assertThat(target.batchSizes())
        .as("gathered grants, in batches of more than one recording")
        .filteredOn(size -> size > OperationBatches.RECORDING_SIZE)
        .hasSizeGreaterThanOrEqualTo(2);
    assertThat(engine.plans.operations(plan))
        .allMatch(stored -> stored.state() == OperationState.SUCCEEDED);
    assertThat(engine.accounts.all())
        .hasSize(2500)
        .allSatisfy(
            account -> {
              KnownAccount before = created.get(account.username());
              assertThat(account.entitlements()).containsExactlyInAnyOrder("engineering", "staff");
              assertThat(account.attributes()).isEqualTo(before.attributes()).isNotEmpty();
              assertThat(account.nativeId()).isEqualTo(before.nativeId());
              assertThat(account.owner()).isEqualTo(before.owner());
            });
    assertThat(target.members("engineering")).hasSize(2500);
    assertThat(target.members("staff")).hasSize(2500);
  }

  @Test
  void withoutTheConnectorAskingNothingIsGathered() {
    PlanId plan = storePlan();

    while (round() > 0) {
      // until everything ran
    }

    assertThat(target.batchSizes()).hasSize(9).allMatch(size -> size == 2);
    assertThat(engine.plans.operations(plan))
        .allMatch(stored -> stored.state() == OperationState.SUCCEEDED);
  }

  @Test
  void aFailingGrantOfAGatheredBatchFailsAloneAndIsRetried() {
    target.setGrantsOfOneEntitlement(100);
    PlanId plan = storePlan();
    String unlucky = grants(plan, "engineering").get(4).operation().username();
    round();
    round();
    round();
    target.failNext(
        1,
        ErrorKind.BUSY,
        call -> call.operation() == FakeOperation.GRANT && unlucky.equals(call.account()));

    assertThat(round()).isEqualTo(6);

    assertThat(grants(plan, "engineering"))
        .allSatisfy(
            stored ->
                assertThat(stored.state())
                    .as(stored.operation().username())
                    .isEqualTo(
                        stored.operation().username().equals(unlucky)
                            ? OperationState.FAILED
                            : OperationState.SUCCEEDED));
    assertThat(target.members("engineering")).hasSize(5).doesNotContain(unlucky);

    engine.clock.advance(Duration.ofMinutes(1));
    while (round() > 0) {
      // the retry, then the staff grants
    }
    assertThat(engine.plans.operations(plan))
        .allMatch(stored -> stored.state() == OperationState.SUCCEEDED);
    assertThat(target.members("engineering")).hasSize(6).contains(unlucky);
    assertThat(target.members("staff")).hasSize(6);
    assertThat(
            engine.plans.operations(plan).stream()
                .filter(stored -> stored.operation().kind() == OperationKind.ADD_ENTITLEMENT)
                .filter(stored -> stored.operation().username().equals(unlucky))
                .filter(
                    stored ->
                        ((AddEntitlement) stored.operation()).entitlement().equals("engineering"))
                .findFirst()
                .map(stored -> engine.plans.attempts(stored.id()))
                .orElseThrow())
        .extracting(OperationAttempt::outcome)
        .containsExactly(OperationState.FAILED, OperationState.SUCCEEDED);
  }
}
