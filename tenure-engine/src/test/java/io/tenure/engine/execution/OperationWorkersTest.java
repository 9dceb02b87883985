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
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperationWorkersTest {

  private static final String PEOPLE =
      "E1,Alice,Archer,alice@example.com,Engineering,active,2024-01-01,\n"
          + "E2,John,Smith,john@example.com,Sales,active,2024-01-01,\n"
          + "E3,Mia,Moss,mia@example.com,Sales,active,2024-01-01,\n";

  private static final RetryPolicy RETRY =
      new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 4);

  @TempDir Path folder;

  private final String instance = "queue-" + UUID.randomUUID();
  private final FakeTarget target = FakeTarget.named(instance);
  private EngineFixture engine;
  private ConnectorRegistry registry;
  private OperationWorkers workers;
  private QueueAdministration administration;
  private final List<OperationState> released = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    Path file = folder.resolve("people.csv");
    Files.writeString(file, Sources.HEADER + PEOPLE);
    engine = new EngineFixture(file, instance);
    engine.importer.importSource(engine.source());
    registry = ConnectorRegistry.load(engine.configuration.targets());
    workers = workers(TargetThrottle.defaults(), "worker-a");
    administration =
        new QueueAdministration(engine.plans, engine.audit, engine.transactions, engine.clock);
  }

  @AfterEach
  void tearDown() {
    registry.close();
    FakeTarget.forget(instance);
  }

  private OperationWorkers workers(TargetThrottle throttle, String name) {
    return new OperationWorkers(
        engine.plans,
        engine.runner,
        QueueSettings.defaults().withRetry(RETRY),
        Map.of(EngineFixture.DIRECTORY, throttle),
        engine.clock,
        new Random(7),
        name,
        "queue:test",
        (operation, outcome, next, took) -> released.add(next));
  }

  private PlanId storePlan() {
    return engine.execution.store(engine.planning.plan(), "cli:test", "apply").id();
  }

  /** Dispatches in the calling thread until a round claims nothing. */
  private int drain() {
    int total = 0;
    int claimed;
    do {
      claimed = workers.dispatch(registry, Runnable::run);
      total += claimed;
    } while (claimed > 0);
    return total;
  }

  private List<StoredOperation> operations(PlanId plan) {
    return engine.plans.operations(plan);
  }

  private StoredOperation first(PlanId plan, OperationKind kind, String username) {
    return operations(plan).stream()
        .filter(stored -> stored.operation().kind() == kind)
        .filter(stored -> stored.operation().username().equals(username))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theQueueRunsAPlanToTheEndAndPlanningAgainGivesNothing() {
    PlanId plan = storePlan();

    int ran = drain();

    assertThat(ran).isEqualTo(operations(plan).size());
    assertThat(operations(plan)).allMatch(stored -> stored.state() == OperationState.SUCCEEDED);
    assertThat(target.accountNames()).containsExactlyInAnyOrder("aarcher", "jsmith", "mmoss");
    assertThat(target.account("aarcher").orElseThrow().entitlements())
        .containsExactly("engineering", "staff");
    assertThat(engine.plans.unsettled(plan)).isZero();
    assertThat(engine.planning.plan().operations()).isEmpty();
  }

  @Test
  void onlyTheFirstOpenOperationOfEachAccountIsClaimable() {
    PlanId plan = storePlan();
    List<StoredOperation> claimed =
        engine.plans.claim(
            EngineFixture.DIRECTORY,
            100,
            "worker-a",
            engine.clock.instant(),
            engine.clock.instant().plusSeconds(60));

    assertThat(claimed).hasSize(3);
    assertThat(claimed)
        .allMatch(stored -> stored.operation().kind() == OperationKind.CREATE_ACCOUNT);
    Set<String> accounts = new HashSet<>();
    claimed.forEach(stored -> accounts.add(stored.operation().username()));
    assertThat(accounts).hasSize(3);
    assertThat(operations(plan).size()).isGreaterThan(3);
  }

  @Test
  void aClaimHoldsUntilItsLeaseExpiresThenAnotherWorkerMayTakeIt() {
    storePlan();
    var now = engine.clock.instant();
    List<StoredOperation> first =
        engine.plans.claim(EngineFixture.DIRECTORY, 1, "crashed", now, now.plusSeconds(60));
    assertThat(first).hasSize(1);

    List<StoredOperation> meanwhile =
        engine.plans.claim(EngineFixture.DIRECTORY, 100, "worker-b", now, now.plusSeconds(60));
    assertThat(meanwhile).extracting(StoredOperation::id).doesNotContain(first.get(0).id());

    List<StoredOperation> later =
        engine.plans.claim(
            EngineFixture.DIRECTORY, 100, "worker-b", now.plusSeconds(61), now.plusSeconds(121));
    assertThat(later).extracting(StoredOperation::id).contains(first.get(0).id());
  }

  @Test
  void retryableFailuresBackOffAndThenSucceed() {
    PlanId plan = storePlan();
    target.failNext(2, ErrorKind.CONNECTION, FakeCall.on(FakeOperation.CREATE, "aarcher"));

    drain();

    StoredOperation create = first(plan, OperationKind.CREATE_ACCOUNT, "aarcher");
    assertThat(create.state()).isEqualTo(OperationState.FAILED);
    assertThat(create.attempts()).isEqualTo(1);
    QueuedOperation queued = engine.plans.find(create.id()).orElseThrow();
    assertThat(queued.nextAttemptAt())
        .isBetween(engine.clock.instant(), engine.clock.instant().plus(RETRY.ceiling(1)));
    assertThat(operations(plan).stream().filter(stored -> stored.state() == OperationState.PENDING))
        .as("Alice's later operations wait behind her failed create")
        .allMatch(stored -> stored.operation().username().equals("aarcher"))
        .isNotEmpty();
    assertThat(drain()).as("nothing is due before the backoff ends").isZero();

    for (int round = 0; round < 3; round++) {
      engine.clock.advance(Duration.ofSeconds(30));
      drain();
    }

    assertThat(engine.plans.attempts(create.id()))
        .extracting(OperationAttempt::outcome)
        .containsExactly(OperationState.FAILED, OperationState.FAILED, OperationState.SUCCEEDED);
    assertThat(operations(plan)).allMatch(stored -> stored.state() == OperationState.SUCCEEDED);
    assertThat(target.account("aarcher").orElseThrow().entitlements())
        .containsExactly("engineering", "staff");
  }

  @Test
  void afterTheLastAttemptAnOperationIsParkedAndLaterOnesWaitUntilAnOperatorRetries() {
    PlanId plan = storePlan();
    target.failNext(
        RETRY.maxAttempts(), ErrorKind.TIMEOUT, FakeCall.on(FakeOperation.CREATE, "jsmith"));

    for (int round = 0; round < RETRY.maxAttempts() + 1; round++) {
      drain();
      engine.clock.advance(Duration.ofMinutes(1));
    }

    StoredOperation create = first(plan, OperationKind.CREATE_ACCOUNT, "jsmith");
    assertThat(create.state()).isEqualTo(OperationState.PARKED);
    assertThat(create.attempts()).isEqualTo(RETRY.maxAttempts());
    StoredOperation grant = first(plan, OperationKind.ADD_ENTITLEMENT, "jsmith");
    assertThat(grant.state()).isEqualTo(OperationState.PENDING);
    assertThat(engine.plans.unsettled(plan)).as("the plan is settled: the rest waits").isZero();
    assertThat(target.accountNames()).containsExactlyInAnyOrder("aarcher", "mmoss");

    assertThat(administration.retry(create.id(), "cli:operator"))
        .isEqualTo(QueueAdministration.Result.DONE);
    drain();

    assertThat(operations(plan)).allMatch(stored -> stored.state() == OperationState.SUCCEEDED);
    assertThat(target.account("jsmith").orElseThrow().entitlements()).containsExactly("staff");
    assertThat(engine.audit.events())
        .anyMatch(
            event ->
                event.action().equals("operation.retried")
                    && event.subject().equals("directory/jsmith")
                    && event.actor().equals("cli:operator"));
    assertThat(administration.retry(create.id(), "cli:operator"))
        .isEqualTo(QueueAdministration.Result.WRONG_STATE);
  }

  @Test
  void aPermanentErrorParksAtOnceAndDiscardingItLetsTheAccountMoveOn() {
    PlanId plan = storePlan();
    target.failNext(1, ErrorKind.CONSTRAINT, FakeCall.on(FakeOperation.CREATE, "mmoss"));

    drain();

    StoredOperation create = first(plan, OperationKind.CREATE_ACCOUNT, "mmoss");
    assertThat(create.state()).isEqualTo(OperationState.PARKED);
    assertThat(create.attempts()).isEqualTo(1);
    assertThat(released).contains(OperationState.PARKED);

    target.seed(
        io.tenure.connector.spi.NewAccount.of(
            "mmoss", Map.of("cn", "Mia Moss", "mail", "mia@example.com"), true));
    assertThat(administration.discard(create.id(), "cli:operator", "created by hand"))
        .isEqualTo(QueueAdministration.Result.DONE);
    drain();

    StoredOperation grant = first(plan, OperationKind.ADD_ENTITLEMENT, "mmoss");
    assertThat(grant.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(target.account("mmoss").orElseThrow().entitlements()).containsExactly("staff");
    assertThat(engine.audit.events())
        .anyMatch(
            event ->
                event.action().equals("operation.discarded")
                    && event.reason().equals("created by hand"));
    assertThat(administration.discard(create.id(), "cli:operator", "again"))
        .isEqualTo(QueueAdministration.Result.WRONG_STATE);
  }

  @Test
  void heldOperationsAreNeverClaimedAndHoldBackTheirAccount() {
    PlanId plan = storePlan();
    StoredOperation create = first(plan, OperationKind.CREATE_ACCOUNT, "aarcher");
    engine.plans.force(create.id(), OperationState.HELD);

    drain();

    assertThat(first(plan, OperationKind.CREATE_ACCOUNT, "aarcher").state())
        .isEqualTo(OperationState.HELD);
    assertThat(
            operations(plan).stream()
                .filter(stored -> stored.operation().username().equals("aarcher"))
                .filter(stored -> stored.state() == OperationState.SUCCEEDED))
        .isEmpty();
    assertThat(target.accountNames()).containsExactlyInAnyOrder("jsmith", "mmoss");
    assertThat(engine.plans.unsettled(plan)).isZero();
    ExecutionSummary summary = queuedExecution().summary(plan);
    assertThat(summary.held()).isEqualTo(1);
    assertThat(summary.skipped())
        .as("Alice's later operations wait behind her held create")
        .isEqualTo(
            (int)
                operations(plan).stream()
                    .filter(stored -> stored.operation().username().equals("aarcher"))
                    .filter(stored -> stored.state() == OperationState.PENDING)
                    .count());
    assertThat(summary.complete()).isFalse();
  }

  private QueuedExecution queuedExecution() {
    return new QueuedExecution(
        engine.plans,
        engine.plans,
        workers,
        engine.transactions,
        engine.ids,
        engine.clock,
        () -> ConnectorRegistry.load(engine.configuration.targets()));
  }

  @Test
  void aCreateWhoseResponseWasLostLinksTheAccountOnRetry() {
    PlanId plan = storePlan();
    target.failNextAfterEffect(
        1, ErrorKind.CONNECTION, FakeCall.on(FakeOperation.CREATE, "aarcher"));
    target.failNextAfterEffect(1, ErrorKind.CONNECTION, FakeCall.on(FakeOperation.GRANT, "jsmith"));

    drain();
    engine.clock.advance(Duration.ofMinutes(1));
    drain();
    engine.clock.advance(Duration.ofMinutes(1));
    drain();

    assertThat(operations(plan)).allMatch(stored -> stored.state() == OperationState.SUCCEEDED);
    StoredOperation create = first(plan, OperationKind.CREATE_ACCOUNT, "aarcher");
    assertThat(engine.plans.attempts(create.id())).hasSize(2);
    assertThat(engine.plans.attempts(create.id()).get(1).message()).startsWith("linked");
    assertThat(target.accountNames()).containsExactlyInAnyOrder("aarcher", "jsmith", "mmoss");
    assertThat(target.account("jsmith").orElseThrow().entitlements()).containsExactly("staff");
    assertThat(engine.planning.plan().operations()).isEmpty();
  }

  @Test
  void aTargetNeverRunsMoreThanItsConcurrencyAtOnce() {
    workers = workers(new TargetThrottle(2, 0), "worker-a");
    PlanId plan = storePlan();
    List<Runnable> queued = new ArrayList<>();

    assertThat(workers.dispatch(registry, queued::add)).isEqualTo(2);
    assertThat(workers.dispatch(registry, queued::add)).isZero();
    assertThat(workers.running(EngineFixture.DIRECTORY)).isEqualTo(2);

    queued.remove(0).run();
    assertThat(workers.dispatch(registry, queued::add)).isEqualTo(1);
    while (!queued.isEmpty()) {
      queued.remove(0).run();
      workers.dispatch(registry, queued::add);
    }
    assertThat(operations(plan)).allMatch(stored -> stored.state() == OperationState.SUCCEEDED);
  }

  @Test
  void whetherTheRunIsDoneIsNeverAskedWhileOneOfItsOperationsRuns() throws InterruptedException {
    PlanId plan = storePlan();
    target.setLatency(Duration.ofMillis(20));
    List<Integer> runningWhenAsked = new ArrayList<>();

    workers.runUntil(
        registry,
        () -> {
          runningWhenAsked.add(workers.running(EngineFixture.DIRECTORY));
          return operations(plan).stream()
              .allMatch(stored -> stored.state() == OperationState.SUCCEEDED);
        });

    assertThat(operations(plan)).allMatch(stored -> stored.state() == OperationState.SUCCEEDED);
    assertThat(runningWhenAsked).isNotEmpty().containsOnly(0);
  }

  @Test
  void appliedThroughTheQueueWithThreadsThePlanIsSummarised() {
    QueuedExecution execution = queuedExecution();
    target.failNext(1, ErrorKind.PERMISSION, FakeCall.on(FakeOperation.CREATE, "mmoss"));

    ExecutionSummary summary = execution.apply(engine.planning.plan(), "cli:test", "apply");

    assertThat(summary.failed()).isEqualTo(1);
    assertThat(summary.failures().get(0).description()).contains("mmoss");
    assertThat(summary.skipped()).as("Mia's grant waits behind her parked create").isEqualTo(1);
    assertThat(summary.succeeded())
        .isEqualTo(
            summary.counts().values().stream()
                    .mapToInt(counts -> counts.succeeded() + counts.failed() + counts.skipped())
                    .sum()
                - 2);
  }

  @Test
  void aParkedOperationGetsItsOwnAuditEventWithTheRequesterAsActor() {
    PlanId plan = storePlan();
    target.failNext(1, ErrorKind.CONSTRAINT, FakeCall.on(FakeOperation.CREATE, "mmoss"));
    target.failNext(
        RETRY.maxAttempts(), ErrorKind.TIMEOUT, FakeCall.on(FakeOperation.CREATE, "jsmith"));

    for (int round = 0; round < RETRY.maxAttempts() + 1; round++) {
      drain();
      engine.clock.advance(Duration.ofMinutes(1));
    }

    List<io.tenure.engine.audit.AuditEvent> parked =
        engine.audit.events().stream()
            .filter(event -> event.action().equals("operation.parked"))
            .toList();
    assertThat(parked)
        .extracting(io.tenure.engine.audit.AuditEvent::subject)
        .containsExactlyInAnyOrder("directory/mmoss", "directory/jsmith");
    assertThat(parked).allMatch(event -> event.actor().equals("cli:test"));
    io.tenure.engine.audit.AuditEvent permanent =
        parked.stream()
            .filter(event -> event.subject().equals("directory/mmoss"))
            .findFirst()
            .orElseThrow();
    assertThat(permanent.outcome()).isEqualTo("parked");
    assertThat(permanent.details())
        .containsEntry(
            "operation", first(plan, OperationKind.CREATE_ACCOUNT, "mmoss").id().toString())
        .containsEntry("target", "directory")
        .containsEntry("username", "mmoss")
        .containsEntry("kind", "CREATE_ACCOUNT")
        .containsEntry("attempts", "1")
        .containsEntry("errorKind", "CONSTRAINT")
        .containsKey("error");
    io.tenure.engine.audit.AuditEvent exhausted =
        parked.stream()
            .filter(event -> event.subject().equals("directory/jsmith"))
            .findFirst()
            .orElseThrow();
    assertThat(exhausted.details())
        .containsEntry("attempts", Integer.toString(RETRY.maxAttempts()))
        .containsEntry("errorKind", "TIMEOUT");
    assertThat(
            engine.audit.events().stream()
                .filter(event -> event.action().equals("operation.failed"))
                .count())
        .as("every failed attempt keeps its own event")
        .isEqualTo(1 + RETRY.maxAttempts());
  }

  @Test
  void aTargetsConcurrencyHoldsAcrossWorkersOfDifferentProcesses() {
    workers = workers(new TargetThrottle(2, 0), "worker-a");
    OperationWorkers other = workers(new TargetThrottle(2, 0), "worker-b");
    storePlan();
    List<Runnable> queuedA = new ArrayList<>();
    List<Runnable> queuedB = new ArrayList<>();

    assertThat(workers.dispatch(registry, queuedA::add)).isEqualTo(2);
    assertThat(other.dispatch(registry, queuedB::add))
        .as("worker-a runs the target's two slots")
        .isZero();

    queuedA.remove(0).run();
    assertThat(other.dispatch(registry, queuedB::add)).isEqualTo(1);
    assertThat(workers.dispatch(registry, queuedA::add)).isZero();
  }

  @Test
  void aClaimReleasedWhileTheHeartbeatRenewsIsNotReportedLost() {
    PlanId plan = storePlan();
    List<Runnable> running = new ArrayList<>();
    assertThat(workers.dispatch(registry, running::add)).isEqualTo(3);
    StoredOperation create = first(plan, OperationKind.CREATE_ACCOUNT, "aarcher");
    // the worker's release reached the store; its bookkeeping of running claims has not yet
    String claimant = engine.plans.find(create.id()).orElseThrow().claimedBy();
    engine.plans.release(
        create.id(), claimant, OperationState.SUCCEEDED, null, engine.clock.instant());

    assertThat(workers.heartbeat()).isEqualTo(2);
    assertThat(workers.lostClaims()).as("released, not lost").isZero();

    OperationWorkers other = workers(TargetThrottle.defaults(), "worker-b");
    engine.clock.advance(Duration.ofSeconds(61));
    assertThat(other.dispatch(registry, running::add)).isPositive();
    assertThat(workers.heartbeat()).isZero();
    assertThat(workers.lostClaims()).as("taken by worker-b").isEqualTo(2);
  }

  @Test
  void theHeartbeatKeepsALongOperationClaimedAndWithoutItAnotherWorkerTakesIt() {
    PlanId plan = storePlan();
    List<Runnable> running = new ArrayList<>();
    assertThat(workers.dispatch(registry, running::add)).isEqualTo(3);
    OperationWorkers other = workers(TargetThrottle.defaults(), "worker-b");

    engine.clock.advance(Duration.ofSeconds(40));
    assertThat(workers.heartbeat()).isEqualTo(3);
    engine.clock.advance(Duration.ofSeconds(40));
    assertThat(other.dispatch(registry, Runnable::run))
        .as("renewed leases outlive the first one")
        .isZero();

    engine.clock.advance(Duration.ofSeconds(61));
    List<Runnable> taken = new ArrayList<>();
    assertThat(other.dispatch(registry, taken::add))
        .as("without a heartbeat the leases expire and another worker takes the operations")
        .isEqualTo(3);
    running.forEach(Runnable::run);

    StoredOperation create = first(plan, OperationKind.CREATE_ACCOUNT, "aarcher");
    assertThat(create.state())
        .as("the first worker records nothing over the other's claim")
        .isEqualTo(OperationState.PENDING);
    assertThat(engine.plans.find(create.id()).orElseThrow().claimedBy()).isEqualTo("worker-b");
    assertThat(engine.plans.attempts(create.id())).isEmpty();
    assertThat(engine.plans.lostAttempts(create.id()))
        .extracting(OperationAttempt::outcome)
        .containsExactly(OperationState.SUCCEEDED);
    assertThat(engine.audit.events())
        .anyMatch(
            event ->
                event.action().equals("operation.lease-lost")
                    && event.subject().equals("directory/aarcher"));
    assertThat(workers.heartbeat()).as("nothing left running").isZero();

    taken.forEach(Runnable::run);
    assertThat(first(plan, OperationKind.CREATE_ACCOUNT, "aarcher").state())
        .isEqualTo(OperationState.SUCCEEDED);
    assertThat(engine.plans.attempts(create.id()))
        .singleElement()
        .satisfies(attempt -> assertThat(attempt.message()).startsWith("linked"));
  }

  @Test
  void theRunReturnsOnlyOnceAHeartbeatStillRenewingHasEnded() throws Exception {
    PlanId plan = storePlan();
    registry.connector(EngineFixture.DIRECTORY); // made first: making it sets its latency
    target.setLatency(Duration.ofMillis(100));
    AtomicInteger renewing = new AtomicInteger();
    AtomicInteger renewed = new AtomicInteger();
    // a renewal that is still running when the last operation settles (100 ms on), and, like a
    // JDBC statement, does not stop when interrupted
    OperationQueue slowRenewals =
        (OperationQueue)
            Proxy.newProxyInstance(
                OperationQueue.class.getClassLoader(),
                new Class<?>[] {OperationQueue.class},
                (proxy, method, arguments) -> {
                  if (method.getName().equals("renew")) {
                    renewing.incrementAndGet();
                    try {
                      long patience = System.nanoTime() + 5_000_000_000L;
                      while (engine.plans.unsettled(plan) > 0 && System.nanoTime() < patience) {
                        LockSupport.parkNanos(1_000_000L);
                      }
                      long until = System.nanoTime() + 100_000_000L;
                      for (long left = until - System.nanoTime();
                          left > 0;
                          left = until - System.nanoTime()) {
                        LockSupport.parkNanos(left);
                      }
                      renewed.incrementAndGet();
                    } finally {
                      renewing.decrementAndGet();
                    }
                  }
                  try {
                    return method.invoke(engine.plans, arguments);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    OperationWorkers quick =
        new OperationWorkers(
            slowRenewals,
            engine.runner,
            new QueueSettings(RETRY, Duration.ofMillis(300), 2, Duration.ofMillis(5)),
            Map.of(EngineFixture.DIRECTORY, TargetThrottle.defaults()),
            engine.clock,
            new Random(7),
            "worker-h",
            "queue:test",
            (operation, outcome, next, took) -> {});

    quick.runUntil(registry, () -> engine.plans.unsettled(plan) == 0);

    assertThat(renewed.get()).as("the heartbeat renewed").isPositive();
    assertThat(renewing.get()).as("no renewal still running once the run returned").isZero();
  }

  // ---- batches: the fake target with a batch size, a throttle that lets a round claim all three

  private OperationWorkers batching() {
    target.setBatchSize(10);
    return workers(new TargetThrottle(10, 0), "worker-a");
  }

  /** One dispatch round of batching workers, in the calling thread. */
  private int batchRound() {
    return workers.dispatch(registry, Runnable::run);
  }

  private List<OperationAttempt> createAttempts(PlanId plan, String username) {
    return engine.plans.attempts(first(plan, OperationKind.CREATE_ACCOUNT, username).id());
  }

  @Test
  void theCreatesOfOneRoundGoInOneBatchAndEachOutcomeIsRecorded() {
    workers = batching();
    PlanId plan = storePlan();

    assertThat(batchRound()).isEqualTo(3);

    assertThat(target.calls(FakeOperation.BATCH)).isEqualTo(1);
    assertThat(target.calls(FakeOperation.CREATE)).isEqualTo(3);
    for (String username : List.of("aarcher", "jsmith", "mmoss")) {
      assertThat(first(plan, OperationKind.CREATE_ACCOUNT, username).state())
          .isEqualTo(OperationState.SUCCEEDED);
      assertThat(createAttempts(plan, username))
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
  void aBatchsOutcomesAreRecordedTogetherAndAClaimLostMeanwhileCostsOnlyItsOwnOperation() {
    workers = batching();
    PlanId plan = storePlan();
    List<Runnable> queued = new ArrayList<>();
    assertThat(workers.dispatch(registry, queued::add)).isEqualTo(3);
    assertThat(queued).as("one batch").hasSize(1);
    // the batch's leases run out before it records: another worker takes one of its operations
    java.time.Instant later =
        engine.clock.instant().plus(QueueSettings.defaults().lease()).plusSeconds(1);
    List<StoredOperation> taken =
        engine.plans.claim(EngineFixture.DIRECTORY, 1, "worker-b", later, later.plusSeconds(60));
    assertThat(taken).hasSize(1);
    StoredOperation stolen = taken.get(0);
    int transactions = engine.transactions.count();

    queued.get(0).run();

    assertThat(engine.transactions.count() - transactions)
        .as("one read of the known accounts, one recording of the three outcomes")
        .isEqualTo(2);
    assertThat(target.calls(FakeOperation.BATCH)).isEqualTo(1);
    QueuedOperation lost = engine.plans.find(stolen.id()).orElseThrow();
    assertThat(lost.claimedBy()).isEqualTo("worker-b");
    assertThat(lost.operation().state()).isEqualTo(OperationState.PENDING);
    assertThat(engine.plans.attempts(stolen.id())).isEmpty();
    assertThat(engine.plans.lostAttempts(stolen.id()))
        .extracting(OperationAttempt::outcome)
        .containsExactly(OperationState.SUCCEEDED);
    String stolenName = stolen.operation().username();
    assertThat(engine.accounts.find(EngineFixture.DIRECTORY, stolenName)).isEmpty();
    for (String username : List.of("aarcher", "jsmith", "mmoss")) {
      if (username.equals(stolenName)) {
        continue;
      }
      assertThat(first(plan, OperationKind.CREATE_ACCOUNT, username).state())
          .isEqualTo(OperationState.SUCCEEDED);
      assertThat(engine.accounts.find(EngineFixture.DIRECTORY, username)).isPresent();
    }
    assertThat(engine.audit.events())
        .filteredOn(event -> event.subject().equals("directory/" + stolenName))
        .extracting(event -> event.action())
        .containsExactly("operation.lease-lost");
    assertThat(released)
        .as("the listener hears of the two recorded outcomes")
        .containsExactly(OperationState.SUCCEEDED, OperationState.SUCCEEDED);
  }

  @Test
  void aBatchingTargetsConcurrencyCountsBatchesNotOperations() {
    target.setBatchSize(10);
    workers = workers(new TargetThrottle(1, 0), "worker-a");
    PlanId plan = storePlan();
    List<Runnable> queued = new ArrayList<>();

    assertThat(workers.dispatch(registry, queued::add))
        .as("one call: a batch of all three")
        .isEqualTo(3);
    assertThat(queued).hasSize(1);
    assertThat(workers.dispatch(registry, queued::add)).as("the one call is running").isZero();

    queued.remove(0).run();
    assertThat(target.calls(FakeOperation.BATCH)).isEqualTo(1);
    assertThat(workers.running(EngineFixture.DIRECTORY)).isZero();
    for (String username : List.of("aarcher", "jsmith", "mmoss")) {
      assertThat(first(plan, OperationKind.CREATE_ACCOUNT, username).state())
          .isEqualTo(OperationState.SUCCEEDED);
    }
  }

  @Test
  void aFailingCallOfABatchIsRetriedOrParkedLikeASingleOne() {
    workers = batching();
    PlanId plan = storePlan();
    target.failNext(1, ErrorKind.CONNECTION, FakeCall.on(FakeOperation.CREATE, "aarcher"));
    target.failNext(1, ErrorKind.CONSTRAINT, FakeCall.on(FakeOperation.CREATE, "jsmith"));

    batchRound();

    assertThat(target.calls(FakeOperation.BATCH)).isEqualTo(1);
    StoredOperation retried = first(plan, OperationKind.CREATE_ACCOUNT, "aarcher");
    assertThat(retried.state()).isEqualTo(OperationState.FAILED);
    assertThat(engine.plans.find(retried.id()).orElseThrow().nextAttemptAt())
        .isBetween(engine.clock.instant(), engine.clock.instant().plus(RETRY.ceiling(1)));
    assertThat(createAttempts(plan, "aarcher"))
        .extracting(OperationAttempt::errorKind)
        .containsExactly(ErrorKind.CONNECTION);
    assertThat(first(plan, OperationKind.CREATE_ACCOUNT, "jsmith").state())
        .isEqualTo(OperationState.PARKED);
    assertThat(engine.audit.events())
        .anyMatch(
            event ->
                event.action().equals("operation.parked")
                    && event.subject().equals("directory/jsmith"));
    assertThat(first(plan, OperationKind.CREATE_ACCOUNT, "mmoss").state())
        .isEqualTo(OperationState.SUCCEEDED);

    engine.clock.advance(Duration.ofSeconds(30));
    drain();

    assertThat(first(plan, OperationKind.CREATE_ACCOUNT, "aarcher").state())
        .isEqualTo(OperationState.SUCCEEDED);
    assertThat(target.account("aarcher")).isPresent();
  }

  @Test
  void aCreateThatFindsSomebodyElsesAccountInABatchParksAsASingleRunWould() {
    workers = batching();
    PlanId plan = storePlan();
    target.seed(NewAccount.of("mmoss", Map.of("cn", "Someone Else"), false));

    batchRound();

    assertThat(target.calls(FakeOperation.BATCH)).isEqualTo(1);
    StoredOperation refused = first(plan, OperationKind.CREATE_ACCOUNT, "mmoss");
    assertThat(refused.state()).isEqualTo(OperationState.PARKED);
    assertThat(refused.lastError()).startsWith(OperationRunner.NOT_OURS);
    assertThat(target.account("mmoss").orElseThrow().enabled()).isFalse();
    assertThat(target.account("mmoss").orElseThrow().attributes().get("cn"))
        .containsExactly("Someone Else");
  }

  @Test
  void whenTheWholeBatchFailsEveryOperationOfItFailsRetryably() {
    workers = batching();
    PlanId plan = storePlan();
    target.failNext(1, ErrorKind.CONNECTION, FakeOperation.BATCH);

    batchRound();

    assertThat(target.calls(FakeOperation.CREATE)).isZero();
    for (String username : List.of("aarcher", "jsmith", "mmoss")) {
      assertThat(first(plan, OperationKind.CREATE_ACCOUNT, username).state())
          .isEqualTo(OperationState.FAILED);
      assertThat(createAttempts(plan, username))
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
    workers = batching();
    target.setBatchSize(1);
    PlanId plan = storePlan();

    drain();

    assertThat(target.calls(FakeOperation.BATCH)).isZero();
    assertThat(engine.plans.operations(plan))
        .allMatch(stored -> stored.state() == OperationState.SUCCEEDED);
  }
}
