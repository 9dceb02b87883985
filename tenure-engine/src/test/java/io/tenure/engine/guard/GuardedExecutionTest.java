package io.tenure.engine.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.testkit.FakeCall;
import io.tenure.connector.testkit.FakeOperation;
import io.tenure.connector.testkit.FakeTarget;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.AddEntitlement;
import io.tenure.core.plan.CreateAccount;
import io.tenure.core.plan.Operation;
import io.tenure.core.plan.Plan;
import io.tenure.core.plan.Reason;
import io.tenure.engine.execution.AlreadyQueued;
import io.tenure.engine.execution.OperationState;
import io.tenure.engine.execution.PlanId;
import io.tenure.engine.execution.QueueMark;
import io.tenure.engine.execution.StoredOperation;
import io.tenure.engine.ingest.ImportSummary;
import io.tenure.engine.testing.EngineFixture;
import io.tenure.engine.testing.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storing through the brake inside the caller's transaction, and planned operations that earlier
 * plans have queued already: not stored twice, and worked when the new plan is executed.
 */
class GuardedExecutionTest {

  private static final String PEOPLE =
      "E1,Alice,Archer,alice@example.com,Engineering,active,2024-01-01,\n"
          + "E2,John,Smith,john@example.com,Sales,active,2024-01-01,\n";

  @TempDir Path folder;

  private final String instance = "guard-" + UUID.randomUUID();
  private final FakeTarget target = FakeTarget.named(instance);
  private EngineFixture engine;
  private GuardedExecution guarded;

  @BeforeEach
  void importPeople() throws IOException {
    write(PEOPLE);
    engine = new EngineFixture(folder.resolve("people.csv"), instance);
    assertThat(engine.importer.importSource(engine.source()).created()).isEqualTo(2);
    guarded =
        new GuardedExecution(
            engine.plans,
            new NoHolds(),
            engine.accounts,
            engine.audit,
            engine.execution,
            engine.transactions,
            engine.ids,
            engine.clock,
            GuardedExecution.settingsOf(engine.configuration.targets()));
  }

  @AfterEach
  void forgetTarget() {
    FakeTarget.forget(instance);
  }

  private void write(String rows) throws IOException {
    Files.writeString(folder.resolve("people.csv"), Sources.HEADER + rows);
  }

  @Test
  void aPlanStoredAgainBeforeTheFirstRanQueuesNothingTwiceAndWorksTheEarlierOperations()
      throws IOException {
    Plan first = engine.planning.plan();
    GuardedPlan earlier = guarded.store(first, "cli:test", "apply");
    assertThat(earlier.alreadyQueued()).isEmpty();
    assertThat(earlier.stored().plan()).isEqualTo(first);

    // a joiner arrives before the first plan ran (the first process crashed, say)
    write(PEOPLE + "E3,Mia,Moss,mia@example.com,Sales,active,2024-01-01,\n");
    engine.importer.importSource(engine.source());
    Plan second = engine.planning.plan();
    GuardedPlan stored = guarded.store(second, "cli:test", "apply");

    assertThat(stored.alreadyQueued()).hasSize(first.size());
    assertThat(stored.earlierPlans()).containsExactly(earlier.stored().id());
    assertThat(stored.stored().plan().operations())
        .as("only the joiner's operations are new")
        .isNotEmpty()
        .allMatch(operation -> operation.username().equals("mmoss"));
    assertThat(stored.stored().plan().size()).isEqualTo(second.size() - first.size());

    GuardedPlan applied = guarded.execute(stored, "cli:test");

    assertThat(applied.execution().orElseThrow().complete()).isTrue();
    assertThat(applied.alreadyQueuedExecution().orElseThrow().succeeded()).isEqualTo(first.size());
    assertThat(states(earlier.stored().id())).containsOnly(OperationState.SUCCEEDED);
    assertThat(states(stored.stored().id())).containsOnly(OperationState.SUCCEEDED);
    assertThat(target.calls(FakeOperation.CREATE)).as("one create per person").isEqualTo(3);
    assertThat(target.accountNames()).containsExactlyInAnyOrder("aarcher", "jsmith", "mmoss");
    assertThat(engine.planning.plan().operations()).isEmpty();
  }

  @Test
  void anOperationParkedByAnEarlierRunWaitsForAnOperatorAndIsNoFailureOfTheNextRun() {
    target.failNext(10, ErrorKind.PERMISSION, FakeCall.on(FakeOperation.CREATE, "aarcher"));
    GuardedPlan first = guarded.apply(engine.planning.plan(), "cli:test", "apply");
    assertThat(first.execution().orElseThrow().failed()).isPositive();
    target.clearFaults();

    GuardedPlan next = guarded.apply(engine.planning.plan(), "cli:test", "apply");

    assertThat(next.alreadyQueued())
        .as("the parked create (and what waits behind it) is still the earlier plan's")
        .anyMatch(operation -> operation.state() == OperationState.PARKED);
    assertThat(next.alreadyQueuedExecution().map(summary -> summary.failed()).orElse(0))
        .as("not reported again as this run's failure")
        .isZero();
  }

  @Test
  void anOperationOpenWhenPlanningBeganThatSucceededMeanwhileIsNotQueuedAgain() {
    GuardedPlan earlier = guarded.store(engine.planning.plan(), "cli:test", "apply");
    QueueMark mark = guarded.mark();
    // planned from the accounts known before the earlier plan ran, stored after it ran
    Plan stale = engine.planning.plan();
    guarded.execute(earlier, "cli:test");
    assertThat(states(earlier.stored().id())).containsOnly(OperationState.SUCCEEDED);

    GuardedPlan withMark = guarded.store(stale, mark, "cli:test", "apply");
    GuardedPlan withoutMark = guarded.store(stale, "cli:test", "apply");

    assertThat(withMark.stored().plan().operations()).isEmpty();
    assertThat(withMark.alreadyQueued()).hasSize(stale.size());
    assertThat(withoutMark.stored().plan()).as("succeeded before the mark").isEqualTo(stale);
  }

  @Test
  void aMarkOfSomeIdentitiesCoversOnlyTheirOperations() {
    GuardedPlan earlier = guarded.store(engine.planning.plan(), "cli:test", "apply");
    IdentityId one = earlier.stored().plan().operations().get(0).owner();
    QueueMark mark = guarded.mark(Set.of(one));
    Plan stale = engine.planning.plan();
    guarded.execute(earlier, "cli:test");

    GuardedPlan stored = guarded.store(stale, mark, "cli:test", "apply");

    assertThat(stored.alreadyQueued())
        .isNotEmpty()
        .allSatisfy(operation -> assertThat(operation.operation().owner()).isEqualTo(one));
    assertThat(stored.stored().plan().operations())
        .isNotEmpty()
        .allSatisfy(operation -> assertThat(operation.owner()).isNotEqualTo(one));
    assertThat(stored.alreadyQueued().size() + stored.stored().plan().size())
        .isEqualTo(stale.size());
  }

  @Test
  void operationsOfEarlierPlansThatAreOverDoNotCount() {
    Plan first = engine.planning.plan();
    GuardedPlan earlier = guarded.store(first, "cli:test", "apply");
    engine.transactions.run(
        () ->
            engine
                .plans
                .operations(earlier.stored().id())
                .forEach(
                    operation -> engine.plans.force(operation.id(), OperationState.DISCARDED)));

    GuardedPlan stored = guarded.store(engine.planning.plan(), "cli:test", "apply");

    assertThat(stored.alreadyQueued()).isEmpty();
    assertThat(stored.stored().plan()).isEqualTo(first);
  }

  @Test
  void theSameChangeForAnotherReasonIsAlreadyQueuedButAnotherChangeIsNot() {
    IdentityId owner = new IdentityId("owner-1");
    Operation create = create(owner, "Jo Doe", "role staff");
    Operation staff =
        new AddEntitlement(
            EngineFixture.DIRECTORY, "jdoe", owner, "staff", Reason.of("role staff"));
    engine.plans.create(
        new PlanId("earlier"),
        new Plan(List.of(create, staff)),
        "cli:test",
        "apply",
        Instant.parse("2026-03-01T00:00:00Z"));

    Operation sameCreate = create(owner, "Jo Doe", "rule everybody");
    Operation otherAttributes = create(owner, "Joanna Doe", "rule everybody");
    Operation otherGroup =
        new AddEntitlement(EngineFixture.DIRECTORY, "jdoe", owner, "sales", Reason.of("role x"));
    Operation otherAccount =
        new AddEntitlement(EngineFixture.DIRECTORY, "mmoss", owner, "staff", Reason.of("role x"));
    AlreadyQueued split =
        AlreadyQueued.split(
            new Plan(List.of(sameCreate, otherAttributes, staff, staff, otherGroup, otherAccount)),
            QueueMark.none(),
            engine.plans);

    assertThat(split.operations())
        .extracting(StoredOperation::operation)
        .containsExactly(create, staff);
    assertThat(split.remaining().operations())
        .as("each queued operation stands for one planned operation")
        .containsExactly(otherAttributes, staff, otherGroup, otherAccount);
  }

  @Test
  void importingPlanningAndStoringInTheCallersTransactionIsOneTransaction() throws IOException {
    write(PEOPLE.replace("Sales,active", "Finance,active"));
    int before = engine.transactions.count();

    GuardedPlan stored =
        engine.transactions.inTransaction(
            () -> {
              ImportSummary summary = engine.importer.importSource(engine.source());
              return guarded.store(
                  engine.planning.planFor(summary.changedIdentities()), "cli:test", "import");
            });

    assertThat(engine.transactions.count() - before).isEqualTo(1);
    assertThat(stored.stored().plan().operations()).isNotEmpty();
    assertThat(engine.plans.find(stored.stored().id())).isPresent();
  }

  private static Operation create(IdentityId owner, String commonName, String reason) {
    return new CreateAccount(
        EngineFixture.DIRECTORY, "jdoe", owner, Map.of("cn", commonName), true, Reason.of(reason));
  }

  private List<OperationState> states(PlanId plan) {
    return engine.plans.operations(plan).stream().map(StoredOperation::state).toList();
  }

  /** The brake never holds these small plans. */
  private static final class NoHolds implements HeldPlanRepository {

    @Override
    public void hold(PlanId plan, Collection<Integer> sequences, String reason, Instant at) {
      throw new AssertionError("nothing should be held: " + reason);
    }

    @Override
    public Optional<PlanHold> find(PlanId plan) {
      return Optional.empty();
    }

    @Override
    public List<PlanHold> list(boolean onlyHeld, int limit) {
      return List.of();
    }

    @Override
    public int decide(PlanId plan, HoldStatus decision, String actor, String reason, Instant at) {
      throw new AssertionError("nothing is held");
    }
  }
}
