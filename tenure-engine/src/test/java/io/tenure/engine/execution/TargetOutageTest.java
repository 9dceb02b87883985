package io.tenure.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.testkit.FakeCall;
import io.tenure.connector.testkit.FakeOperation;
import io.tenure.connector.testkit.FakeTarget;
import io.tenure.core.account.TargetId;
import io.tenure.core.plan.OperationKind;
import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.configuration.TargetThrottle;
import io.tenure.engine.connector.ConnectorRegistry;
import io.tenure.engine.testing.EngineFixture;
import io.tenure.engine.testing.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target's outage costs nothing: the workers' circuit breaker pauses the target, probes it with
 * growing waits, and resumes it when it answers; the operations that hit the outage are handed back
 * without an attempt, other targets keep working, and one {@code target.outage} and one {@code
 * target.recovered} event tell the story. Time is the fixture's clock: nothing sleeps.
 *
 * <p><b>What the real-server test must assert</b> (the server module's {@code QueueOutageIT}, a
 * 5-minute outage of a real OpenLDAP, default {@code queue.retry} and {@code queue.outage}
 * settings, 4 workers, about 600 people): when a fifth of the operations of an {@code apply --yes}
 * succeeded, OpenLDAP is stopped for 5 minutes, then started again on the same port and data.
 *
 * <ul>
 *   <li>the apply exits 0 within 6 minutes of the stop (probes wait at most 30 s, so work resumes
 *       within 30 s of the restart; the 10-minute patience is not reached);
 *   <li>every operation is {@code SUCCEEDED}; {@code operation_attempts} holds no {@code PARKED}
 *       attempt, and {@code FAILED} attempts of kind {@code CONNECTION} or {@code TIMEOUT} number
 *       at most the worker count (an outage costs no attempt; only a pooled connection found broken
 *       after the restart, while a probe finds the server answering, counts as the operation's own
 *       failure);
 *   <li>at most the worker count of operations succeed while the server is down (those in flight);
 *   <li>the audit log holds exactly one {@code target.outage} and one later {@code
 *       target.recovered} event for the target (per Tenure process, naming its worker), the
 *       recovery's {@code duration} between 5 minutes and 5 minutes 30 seconds plus the time the
 *       stop and start scripts take, its {@code waiting} equal to the target's operations not yet
 *       succeeded at the recovery, its {@code failedProbes} about 13 (after 1, 3, 7, 15, 31 s, then
 *       every 30 s), and no {@code operation.failed} event while the server was down (the issue saw
 *       9,805);
 *   <li>the directory holds every account and group; a second {@code apply} is empty.
 * </ul>
 *
 * <p>The same with {@code serve} instead of {@code apply}, and with two processes sharing the
 * store: each writes its own pair of events, and every operation completes exactly once.
 */
class TargetOutageTest {

  private static final String PEOPLE =
      "E1,Alice,Archer,alice@example.com,Engineering,active,2024-01-01,\n"
          + "E2,John,Smith,john@example.com,Sales,active,2024-01-01,\n"
          + "E3,Mia,Moss,mia@example.com,Sales,active,2024-01-01,\n";

  @TempDir Path folder;

  private final String instance = "outage-" + UUID.randomUUID();
  private final String mailboxInstance = "outage-mailbox-" + UUID.randomUUID();
  private final FakeTarget target = FakeTarget.named(instance);
  private final FakeTarget mailbox = FakeTarget.named(mailboxInstance);
  private final List<OperationState> attempted = new ArrayList<>();
  private EngineFixture engine;
  private ConnectorRegistry registry;
  private OperationWorkers workers;

  @BeforeEach
  void setUp() throws IOException {
    Path file = folder.resolve("people.csv");
    Files.writeString(file, Sources.HEADER + PEOPLE);
    engine = EngineFixture.withMailbox(file, instance, mailboxInstance);
    engine.importer.importSource(engine.source());
    registry = ConnectorRegistry.load(engine.configuration.targets());
    workers = workers(QueueSettings.defaults(), engine.clock);
  }

  @AfterEach
  void tearDown() {
    registry.close();
    FakeTarget.forget(instance);
    FakeTarget.forget(mailboxInstance);
  }

  private OperationWorkers workers(QueueSettings settings, Clock clock) {
    return new OperationWorkers(
        engine.plans,
        engine.runner,
        settings,
        Map.of(
            EngineFixture.DIRECTORY,
            TargetThrottle.defaults(),
            EngineFixture.MAILBOX,
            TargetThrottle.defaults()),
        clock,
        new Random(7),
        "worker-a",
        "queue:worker-a",
        (operation, outcome, next, took) -> attempted.add(next));
  }

  private PlanId storePlan() {
    return engine.execution.store(engine.planning.plan(), "cli:test", "apply").id();
  }

  /** Dispatches in the calling thread until a round claims nothing. */
  private void drain() {
    while (workers.dispatch(registry, Runnable::run) > 0) {
      // the round ran what it claimed
    }
  }

  private List<StoredOperation> operations(PlanId plan, TargetId on) {
    return engine.plans.operations(plan).stream()
        .filter(stored -> stored.operation().target().equals(on))
        .toList();
  }

  private StoredOperation create(PlanId plan, TargetId on, String username) {
    return operations(plan, on).stream()
        .filter(stored -> stored.operation().kind() == OperationKind.CREATE_ACCOUNT)
        .filter(stored -> stored.operation().username().equals(username))
        .findFirst()
        .orElseThrow();
  }

  private List<AuditEvent> events(String action) {
    return engine.audit.events().stream().filter(event -> event.action().equals(action)).toList();
  }

  @Test
  void anOutageMidRunCostsNoAttemptAndEverythingCompletesAfterTheRecovery() {
    PlanId plan = storePlan();
    List<StoredOperation> directory = operations(plan, EngineFixture.DIRECTORY);
    List<Runnable> claimed = new ArrayList<>();
    assertThat(workers.dispatch(registry, claimed::add))
        .as("each person's create on both targets")
        .isEqualTo(6);
    claimed.remove(0).run(); // one create of the directory, before the outage
    assertThat(target.accountNames()).hasSize(1);
    Instant down = engine.clock.instant();
    target.startOutage();
    claimed.forEach(Runnable::run); // two creates hit the outage; the mailbox's succeed
    claimed.clear();

    assertThat(workers.health(EngineFixture.DIRECTORY).state()).isEqualTo(TargetHealth.State.OPEN);
    for (int second = 0; second < 300; second++) {
      assertThat(workers.dispatch(registry, Runnable::run))
          .as("nothing of the target is claimed while it is out")
          .isZero();
      engine.clock.advance(Duration.ofSeconds(1));
    }
    assertThat(target.calls(FakeOperation.TEST))
        .as("one probe confirmed the outage, then probes after 1, 3, 7, 15, 31 s and every 30 s")
        .isEqualTo(1 + 13);
    TargetHealth out = workers.health(EngineFixture.DIRECTORY);
    assertThat(out.since()).isEqualTo(down);
    assertThat(out.deferred()).isEqualTo(2);
    assertThat(out.waiting()).isEqualTo(directory.size() - 1);
    assertThat(out.outageError()).hasValueSatisfying(error -> assertThat(error).contains("down"));

    target.endOutage();
    engine.clock.advance(Duration.ofSeconds(1));
    drain();
    drain();

    assertThat(engine.plans.operations(plan))
        .allMatch(stored -> stored.state() == OperationState.SUCCEEDED);
    for (StoredOperation stored : engine.plans.operations(plan)) {
      assertThat(engine.plans.attempts(stored.id()))
          .as("only the real attempt of %s is recorded", stored.operation().describe())
          .extracting(OperationAttempt::outcome)
          .containsExactly(OperationState.SUCCEEDED);
      assertThat(stored.attempts()).isEqualTo(1);
    }
    assertThat(attempted).containsOnly(OperationState.SUCCEEDED);
    assertThat(events("operation.failed")).isEmpty();
    assertThat(events("operation.parked")).isEmpty();
    assertThat(events("target.outage"))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.subject()).isEqualTo("target directory");
              assertThat(event.at()).isEqualTo(down);
              assertThat(event.details())
                  .containsEntry("target", "directory")
                  .containsEntry("errorKind", "CONNECTION")
                  .containsEntry("worker", "worker-a")
                  .containsKey("probeError");
            });
    assertThat(events("target.recovered"))
        .singleElement()
        .satisfies(
            event ->
                assertThat(event.details())
                    .containsEntry("since", down.toString())
                    .containsEntry("duration", "PT5M1S")
                    .containsEntry("deferred", "2")
                    .containsEntry("waiting", Integer.toString(directory.size() - 1))
                    .containsEntry("failedProbes", "13"));
    assertThat(workers.health(EngineFixture.DIRECTORY).state())
        .isEqualTo(TargetHealth.State.CLOSED);
    assertThat(target.accountNames()).containsExactlyInAnyOrder("aarcher", "jsmith", "mmoss");
    assertThat(engine.planning.plan().operations()).isEmpty();
  }

  @Test
  void anotherTargetKeepsWorkingDuringTheOutage() {
    PlanId plan = storePlan();
    target.startOutage(ErrorKind.TIMEOUT);

    for (int round = 0; round < 5; round++) {
      drain();
      engine.clock.advance(Duration.ofSeconds(1));
    }

    assertThat(operations(plan, EngineFixture.MAILBOX))
        .isNotEmpty()
        .allMatch(stored -> stored.state() == OperationState.SUCCEEDED);
    assertThat(mailbox.accountNames()).containsExactlyInAnyOrder("aarcher", "jsmith", "mmoss");
    assertThat(operations(plan, EngineFixture.DIRECTORY))
        .allMatch(stored -> stored.state() == OperationState.PENDING)
        .allMatch(stored -> stored.attempts() == 0);
    assertThat(workers.health())
        .extracting(TargetHealth::target, TargetHealth::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(EngineFixture.DIRECTORY, TargetHealth.State.OPEN),
            org.assertj.core.groups.Tuple.tuple(EngineFixture.MAILBOX, TargetHealth.State.CLOSED));
    assertThat(workers.health().get(0).waiting())
        .isEqualTo(operations(plan, EngineFixture.DIRECTORY).size());
    assertThat(events("target.outage"))
        .singleElement()
        .satisfies(event -> assertThat(event.details()).containsEntry("errorKind", "TIMEOUT"));

    target.endOutage();
    for (int round = 0; round < 3; round++) {
      engine.clock.advance(Duration.ofSeconds(2));
      drain();
    }

    assertThat(engine.plans.operations(plan))
        .allMatch(stored -> stored.state() == OperationState.SUCCEEDED)
        .allMatch(stored -> stored.attempts() == 1);
    assertThat(events("target.recovered")).hasSize(1);
    assertThat(events("operation.failed")).isEmpty();
  }

  @Test
  void aConnectionFailureTheProbeDoesNotConfirmIsTheOperationsOwnAndCounts() {
    PlanId plan = storePlan();
    target.failNext(1, ErrorKind.CONNECTION, FakeCall.on(FakeOperation.CREATE, "aarcher"));

    drain();

    StoredOperation alice = create(plan, EngineFixture.DIRECTORY, "aarcher");
    assertThat(alice.state()).isEqualTo(OperationState.FAILED);
    assertThat(alice.attempts()).isEqualTo(1);
    assertThat(target.calls(FakeOperation.TEST)).as("the probe found the target answering").isOne();
    assertThat(events("operation.failed")).hasSize(1);
    assertThat(events("target.outage")).isEmpty();
    assertThat(workers.health(EngineFixture.DIRECTORY).isOut()).isFalse();
  }

  @Test
  void anOperationFailingRetryablyWhileItsTargetAnswersIsParkedOnceItHasFailedForMaxAge() {
    Duration maxAge = Duration.ofHours(1);
    workers =
        workers(
            QueueSettings.defaults()
                .withRetry(
                    new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), 1000, maxAge)),
            engine.clock);
    PlanId plan = storePlan();
    target.failNext(100_000, ErrorKind.BUSY, FakeCall.on(FakeOperation.CREATE, "jsmith"));

    StoredOperation john = create(plan, EngineFixture.DIRECTORY, "jsmith");
    for (int round = 0; round < 100 && john.state() != OperationState.PARKED; round++) {
      drain();
      engine.clock.advance(Duration.ofMinutes(5));
      john = create(plan, EngineFixture.DIRECTORY, "jsmith");
    }

    assertThat(john.state()).isEqualTo(OperationState.PARKED);
    List<OperationAttempt> attempts = engine.plans.attempts(john.id());
    assertThat(attempts.size()).isLessThan(1000).isEqualTo(john.attempts());
    Instant first = attempts.get(0).started();
    assertThat(Duration.between(first, attempts.get(attempts.size() - 1).finished()))
        .as("parked by the failure that came after an hour of failing")
        .isGreaterThanOrEqualTo(maxAge);
    assertThat(Duration.between(first, attempts.get(attempts.size() - 2).finished()))
        .isLessThan(maxAge);
    assertThat(events("operation.parked"))
        .singleElement()
        .satisfies(event -> assertThat(event.subject()).isEqualTo("directory/jsmith"));
    assertThat(events("target.outage")).as("throttling is no outage").isEmpty();
    assertThat(operations(plan, EngineFixture.MAILBOX))
        .allMatch(stored -> stored.state() == OperationState.SUCCEEDED);
  }

  @Test
  void anOperatorsRetryStartsANewSeriesForMaxAge() {
    Duration maxAge = Duration.ofHours(1);
    workers =
        workers(
            QueueSettings.defaults()
                .withRetry(
                    new RetryPolicy(Duration.ofMinutes(1), Duration.ofMinutes(1), 1000, maxAge)),
            engine.clock);
    PlanId plan = storePlan();
    target.failNext(1, ErrorKind.BUSY, FakeCall.on(FakeOperation.CREATE, "jsmith"));
    drain();
    engine.clock.advance(Duration.ofHours(2));
    target.failNext(1, ErrorKind.BUSY, FakeCall.on(FakeOperation.CREATE, "jsmith"));
    drain();
    StoredOperation john = create(plan, EngineFixture.DIRECTORY, "jsmith");
    assertThat(john.state()).as("failing for two hours").isEqualTo(OperationState.PARKED);
    assertThat(john.attempts()).isEqualTo(2);

    new QueueAdministration(engine.plans, engine.audit, engine.transactions, engine.clock)
        .retry(john.id(), "cli:operator");
    target.failNext(1, ErrorKind.BUSY, FakeCall.on(FakeOperation.CREATE, "jsmith"));
    drain();

    assertThat(create(plan, EngineFixture.DIRECTORY, "jsmith").state())
        .as("its first failure after the retry begins a new series: retried, not parked")
        .isEqualTo(OperationState.FAILED);
    engine.clock.advance(Duration.ofMinutes(1));
    drain();
    assertThat(create(plan, EngineFixture.DIRECTORY, "jsmith").state())
        .isEqualTo(OperationState.SUCCEEDED);
  }

  @Test
  void aPlanRunStopsWaitingForATargetOutLongerThanThePatienceAndTheWorkersFinishLater()
      throws InterruptedException {
    SteppingClock clock = new SteppingClock(engine.clock.instant(), Duration.ofSeconds(1));
    workers =
        workers(
            QueueSettings.defaults()
                .withLease(Duration.ofDays(1))
                .withPollInterval(Duration.ofMillis(1))
                .withOutage(
                    new OutageSettings(
                        Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(1))),
            clock);
    QueuedExecution execution =
        new QueuedExecution(
            engine.plans,
            engine.plans,
            workers,
            engine.transactions,
            engine.ids,
            engine.clock,
            () -> ConnectorRegistry.load(engine.configuration.targets()));
    target.startOutage();

    ExecutionSummary summary = execution.apply(engine.planning.plan(), "cli:test", "apply");

    PlanId plan = summary.plan();
    assertThat(summary.failed()).isZero();
    assertThat(summary.skipped()).isEqualTo(operations(plan, EngineFixture.DIRECTORY).size());
    assertThat(operations(plan, EngineFixture.DIRECTORY))
        .allMatch(stored -> stored.state() == OperationState.PENDING)
        .allMatch(stored -> stored.attempts() == 0);
    assertThat(operations(plan, EngineFixture.MAILBOX))
        .allMatch(stored -> stored.state() == OperationState.SUCCEEDED);
    assertThat(events("target.outage")).hasSize(1);

    assertThat(execution.runUntilSettled(plan).skipped())
        .as("a run does not wait for a target out for longer than the patience")
        .isEqualTo(summary.skipped());

    target.endOutage();
    try (ConnectorRegistry connectors = ConnectorRegistry.load(engine.configuration.targets())) {
      workers.runUntil(connectors, () -> engine.plans.unsettled(plan) == 0);
    }

    assertThat(execution.summary(plan).complete()).isTrue();
    assertThat(engine.plans.operations(plan))
        .allMatch(stored -> stored.state() == OperationState.SUCCEEDED);
    assertThat(events("target.recovered")).hasSize(1);
    assertThat(events("operation.failed")).isEmpty();
  }

  /** A clock that moves on by a step every time it is read, so that waits pass without sleeping. */
  private static final class SteppingClock extends Clock {
    private final Duration step;
    private Instant now;

    SteppingClock(Instant start, Duration step) {
      this.now = start;
      this.step = step;
    }

    @Override
    public synchronized Instant instant() {
      now = now.plus(step);
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("tests use UTC");
    }
  }
}
