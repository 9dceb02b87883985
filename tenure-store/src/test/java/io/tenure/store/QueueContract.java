package io.tenure.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.testkit.FakeConnectorFactory;
import io.tenure.connector.testkit.FakeOperation;
import io.tenure.connector.testkit.FakeTarget;
import io.tenure.core.account.KnownAccount;
import io.tenure.core.account.TargetId;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.AddEntitlement;
import io.tenure.core.plan.CreateAccount;
import io.tenure.core.plan.Operation;
import io.tenure.core.plan.OperationKind;
import io.tenure.core.plan.Plan;
import io.tenure.core.plan.Reason;
import io.tenure.engine.account.AccountRepository;
import io.tenure.engine.configuration.TargetThrottle;
import io.tenure.engine.connector.ConnectorRegistry;
import io.tenure.engine.execution.AttemptListener;
import io.tenure.engine.execution.OperationAttempt;
import io.tenure.engine.execution.OperationId;
import io.tenure.engine.execution.OperationQueue;
import io.tenure.engine.execution.OperationRunner;
import io.tenure.engine.execution.OperationState;
import io.tenure.engine.execution.OperationWorkers;
import io.tenure.engine.execution.PlanId;
import io.tenure.engine.execution.QueueSettings;
import io.tenure.engine.execution.QueuedOperation;
import io.tenure.engine.execution.Settlement;
import io.tenure.engine.execution.StoredOperation;
import io.tenure.engine.guard.HoldStatus;
import io.tenure.store.guard.JdbcHeldPlanRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The durable queue's claim rules on a real PostgreSQL: per-account order across plans, leases,
 * SKIP LOCKED claims from concurrent workers that never overlap, held operations never claimed, a
 * target's concurrency across workers, lease heartbeats and fencing of a worker that lost its
 * claim.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QueueContract {

  private static final Instant NOW = Instant.parse("2026-03-01T09:30:00Z");

  private DataSource dataSource;
  private JdbcStore store;
  private JdbcStore live;
  private OperationQueue queue;
  private TargetId target;

  protected abstract DataSource openDatabase() throws Exception;

  protected abstract void closeDatabase() throws Exception;

  protected static DataSource pooled(String url, String username, String password) {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(url);
    pool.setUsername(username);
    pool.setPassword(password);
    pool.setMaximumPoolSize(8);
    return pool;
  }

  @BeforeAll
  void setUp() throws Exception {
    dataSource = openDatabase();
    JdbcStore.migrate(dataSource);
    store = JdbcStore.create(dataSource, Clock.fixed(NOW, ZoneOffset.UTC));
    live = JdbcStore.create(dataSource, Clock.systemUTC());
    queue = store.queue();
  }

  @AfterAll
  void tearDown() throws Exception {
    if (dataSource instanceof HikariDataSource pool) {
      pool.close();
    }
    closeDatabase();
  }

  @BeforeEach
  void freshTarget() {
    target = new TargetId("queue-" + UUID.randomUUID().toString().substring(0, 8));
  }

  private static CreateAccount create(TargetId target, String username) {
    return new CreateAccount(
        target,
        username,
        new IdentityId("id-" + username),
        Map.of("cn", username),
        true,
        Reason.of("joiner"));
  }

  private static AddEntitlement grant(TargetId target, String username, String group) {
    return new AddEntitlement(
        target, username, new IdentityId("id-" + username), group, Reason.of("role staff"));
  }

  private PlanId plan(List<Operation> operations) {
    PlanId id = new PlanId("plan-" + UUID.randomUUID());
    store
        .transactions()
        .run(() -> store.plans().create(id, new Plan(operations), "cli:tester", "apply", NOW));
    return id;
  }

  private List<StoredOperation> claim(int limit, String worker, Instant now) {
    return queue.claim(target, limit, worker, now, now.plusSeconds(60));
  }

  private void succeed(StoredOperation operation, String worker) {
    store
        .plans()
        .recordAttempt(
            operation.id(), new OperationAttempt(NOW, NOW, OperationState.SUCCEEDED, null, null));
    queue.release(operation.id(), worker, OperationState.SUCCEEDED, null, NOW);
  }

  private static List<String> describe(List<StoredOperation> operations) {
    return operations.stream().map(operation -> operation.operation().describe()).toList();
  }

  @Test
  void anAccountsOperationsRunInOrderAcrossPlansWhileOtherAccountsRunInParallel() {
    PlanId first =
        plan(List.of(create(target, "ann"), grant(target, "ann", "staff"), create(target, "bob")));
    plan(List.of(grant(target, "ann", "admins"), grant(target, "cy", "staff")));

    List<StoredOperation> round1 = claim(10, "w1", NOW);
    assertThat(describe(round1))
        .containsExactly(
            "create " + target + "/ann",
            "create " + target + "/bob",
            "add " + target + "/cy to staff");

    round1.forEach(operation -> succeed(operation, "w1"));
    List<StoredOperation> round2 = claim(10, "w1", NOW);
    assertThat(describe(round2)).containsExactly("add " + target + "/ann to staff");
    succeed(round2.get(0), "w1");
    assertThat(describe(claim(10, "w1", NOW))).containsExactly("add " + target + "/ann to admins");
    assertThat(queue.unsettled(first)).isZero();
    assertThat(queue.requester(first)).isEqualTo("cli:tester");
  }

  @Test
  void aClaimExcludesOtherWorkersUntilItsLeaseExpiresAndAStaleReleaseIsIgnored() {
    plan(List.of(create(target, "ann")));
    List<StoredOperation> mine = claim(5, "crashed", NOW);
    assertThat(mine).hasSize(1);
    assertThat(claim(5, "other", NOW.plusSeconds(30))).isEmpty();

    List<StoredOperation> taken = claim(5, "other", NOW.plusSeconds(61));
    assertThat(taken).extracting(StoredOperation::id).containsExactly(mine.get(0).id());
    queue.release(mine.get(0).id(), "crashed", OperationState.PARKED, null, NOW);
    assertThat(queue.find(mine.get(0).id()).orElseThrow().claimedBy()).isEqualTo("other");
    assertThat(queue.find(mine.get(0).id()).orElseThrow().operation().state())
        .isEqualTo(OperationState.PENDING);
  }

  @Test
  void settlingRecordsOnlyUnderTheClaimAndALostClaimInTheSameTransactionCostsTheOthersNothing() {
    PlanId id = plan(List.of(create(target, "ann"), create(target, "bob"), create(target, "cy")));
    List<StoredOperation> mine = claim(5, "worker-a", NOW);
    assertThat(mine).hasSize(3);
    // worker-a's leases ran out; worker-b takes the oldest operation
    List<StoredOperation> taken = claim(1, "worker-b", NOW.plusSeconds(61));
    assertThat(taken).extracting(StoredOperation::id).containsExactly(mine.get(0).id());

    OperationAttempt success =
        new OperationAttempt(NOW, NOW.plusSeconds(62), OperationState.SUCCEEDED, null, null);
    List<Boolean> settled =
        store
            .transactions()
            .inTransaction(
                () ->
                    mine.stream()
                        .map(
                            operation ->
                                queue.settle(
                                    operation.id(),
                                    "worker-a",
                                    success,
                                    OperationState.SUCCEEDED,
                                    null,
                                    NOW.plusSeconds(62)))
                        .toList());

    assertThat(settled).containsExactly(false, true, true);
    QueuedOperation lost = queue.find(mine.get(0).id()).orElseThrow();
    assertThat(lost.claimedBy()).isEqualTo("worker-b");
    assertThat(lost.operation().state()).isEqualTo(OperationState.PENDING);
    assertThat(lost.operation().attempts()).isZero();
    for (StoredOperation operation : mine.subList(1, 3)) {
      QueuedOperation done = queue.find(operation.id()).orElseThrow();
      assertThat(done.claimedBy()).isNull();
      assertThat(done.operation().state()).isEqualTo(OperationState.SUCCEEDED);
      assertThat(done.operation().attempts()).isEqualTo(1);
    }
    assertThat(attempts(id)).containsExactly("SUCCEEDED by worker-a", "SUCCEEDED by worker-a");

    OperationAttempt failure =
        new OperationAttempt(
            NOW, NOW.plusSeconds(63), OperationState.FAILED, ErrorKind.TIMEOUT, "timed out");
    assertThat(
            queue.settle(
                mine.get(0).id(),
                "worker-b",
                failure,
                OperationState.FAILED,
                NOW.plusSeconds(120),
                NOW.plusSeconds(63)))
        .isTrue();
    QueuedOperation failed = queue.find(mine.get(0).id()).orElseThrow();
    assertThat(failed.operation().state()).isEqualTo(OperationState.FAILED);
    assertThat(failed.operation().lastError()).isEqualTo("timed out");
    assertThat(failed.nextAttemptAt()).isEqualTo(NOW.plusSeconds(120));
    assertThat(failed.claimedBy()).isNull();
    assertThat(queue.firstAttemptAt(mine.get(0).id())).contains(NOW);
  }

  @Test
  void manySettlementsAreStoredInOneStepEachOnlyWhereItsClaimHolds() {
    PlanId id = plan(List.of(create(target, "ann"), create(target, "bob"), create(target, "cy")));
    List<StoredOperation> mine = claim(5, "worker-a", NOW);
    assertThat(mine).hasSize(3);
    // worker-a's leases ran out; worker-b takes the oldest operation
    assertThat(claim(1, "worker-b", NOW.plusSeconds(61)))
        .extracting(StoredOperation::id)
        .containsExactly(mine.get(0).id());
    OperationAttempt success =
        new OperationAttempt(NOW, NOW.plusSeconds(62), OperationState.SUCCEEDED, null, "created");
    OperationAttempt failure =
        new OperationAttempt(
            NOW, NOW.plusSeconds(62), OperationState.FAILED, ErrorKind.TIMEOUT, "timed out");

    Set<OperationId> settled =
        store
            .transactions()
            .inTransaction(
                () ->
                    queue.settleAll(
                        List.of(
                            new Settlement(
                                mine.get(2).id(),
                                "worker-a",
                                failure,
                                OperationState.FAILED,
                                NOW.plusSeconds(120)),
                            new Settlement(
                                mine.get(0).id(),
                                "worker-a",
                                success,
                                OperationState.SUCCEEDED,
                                null),
                            new Settlement(
                                mine.get(1).id(),
                                "worker-a",
                                success,
                                OperationState.SUCCEEDED,
                                null)),
                        NOW.plusSeconds(62)));

    assertThat(settled).containsExactlyInAnyOrder(mine.get(1).id(), mine.get(2).id());
    QueuedOperation lost = queue.find(mine.get(0).id()).orElseThrow();
    assertThat(lost.claimedBy()).isEqualTo("worker-b");
    assertThat(lost.operation().state()).isEqualTo(OperationState.PENDING);
    assertThat(lost.operation().attempts()).isZero();
    QueuedOperation succeeded = queue.find(mine.get(1).id()).orElseThrow();
    assertThat(succeeded.claimedBy()).isNull();
    assertThat(succeeded.operation().state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(succeeded.operation().attempts()).isEqualTo(1);
    assertThat(succeeded.operation().lastError()).isNull();
    assertThat(succeeded.nextAttemptAt()).isNull();
    assertThat(succeeded.updatedAt()).isEqualTo(NOW.plusSeconds(62));
    QueuedOperation failed = queue.find(mine.get(2).id()).orElseThrow();
    assertThat(failed.claimedBy()).isNull();
    assertThat(failed.operation().state()).isEqualTo(OperationState.FAILED);
    assertThat(failed.operation().attempts()).isEqualTo(1);
    assertThat(failed.operation().lastError()).isEqualTo("timed out");
    assertThat(failed.nextAttemptAt()).isEqualTo(NOW.plusSeconds(120));
    assertThat(queue.firstAttemptAt(mine.get(2).id())).contains(NOW);
    assertThat(attempts(id))
        .as("in operation order")
        .containsExactly("SUCCEEDED by worker-a", "FAILED by worker-a");
    assertThat(
            new JdbcTemplate(dataSource)
                .queryForList(
                    "select outcome || ' ' || coalesce(error_kind, '-') || ' ' || message"
                        + " || ' ' || finished_at from operation_attempts"
                        + " where operation_id in (?, ?) order by operation_id",
                    String.class,
                    mine.get(1).id().value(),
                    mine.get(2).id().value()))
        .hasSize(2)
        .satisfies(
            rows -> {
              assertThat(rows.get(0)).startsWith("SUCCEEDED - created ");
              assertThat(rows.get(1)).startsWith("FAILED TIMEOUT timed out ");
            });
    assertThat(queue.settleAll(List.of(), NOW)).isEmpty();
  }

  @Test
  void aHeartbeatDoesNotWaitForAnOperationBeingRecordedAndStillCountsItsClaimHeld()
      throws Exception {
    plan(List.of(create(target, "ann"), create(target, "bob")));
    List<StoredOperation> mine = claim(2, "w1", NOW);
    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch recorded = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      // a recording transaction holds ann's operation until it ends
      Future<?> recording =
          pool.submit(
              () ->
                  store
                      .transactions()
                      .run(
                          () -> {
                            assertThat(queue.holds(mine.get(0).id(), "w1")).isTrue();
                            locked.countDown();
                            try {
                              recorded.await(30, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                              Thread.currentThread().interrupt();
                            }
                          }));
      assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
      Instant later = NOW.plusSeconds(120);
      Future<Set<OperationId>> renewed =
          pool.submit(() -> queue.renew(List.of(mine.get(0).id(), mine.get(1).id()), "w1", later));

      assertThat(renewed.get(10, TimeUnit.SECONDS))
          .as("without waiting for the recording")
          .containsExactlyInAnyOrder(mine.get(0).id(), mine.get(1).id());
      recorded.countDown();
      recording.get(30, TimeUnit.SECONDS);
      assertThat(queue.find(mine.get(0).id()).orElseThrow().claimedUntil())
          .as("left to the next heartbeat")
          .isEqualTo(NOW.plusSeconds(60));
      assertThat(queue.find(mine.get(1).id()).orElseThrow().claimedUntil()).isEqualTo(later);
    } finally {
      recorded.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedOperationWaitsForItsNextAttemptAndAParkedOneHoldsBackItsAccount() {
    PlanId id =
        plan(List.of(create(target, "ann"), grant(target, "ann", "staff"), create(target, "bob")));
    List<StoredOperation> claimed = claim(10, "w", NOW);
    StoredOperation ann = claimed.get(0);
    StoredOperation bob = claimed.get(1);
    queue.release(ann.id(), "w", OperationState.FAILED, NOW.plusSeconds(10), NOW);
    queue.release(bob.id(), "w", OperationState.PARKED, null, NOW);

    assertThat(claim(10, "w", NOW.plusSeconds(5))).isEmpty();
    assertThat(claim(10, "w", NOW.plusSeconds(11)))
        .extracting(StoredOperation::id)
        .containsExactly(ann.id());
    queue.release(ann.id(), "w", OperationState.PARKED, null, NOW);
    assertThat(queue.unsettled(id)).as("the grant waits behind a parked create").isZero();
    assertThat(queue.depth().get(target))
        .containsEntry(OperationState.PARKED, 2L)
        .containsEntry(OperationState.PENDING, 1L);
    // the plan's summary, read as counts and its parked operations alone
    assertThat(queue.counts(id))
        .containsOnlyKeys(OperationKind.CREATE_ACCOUNT, OperationKind.ADD_ENTITLEMENT)
        .containsEntry(OperationKind.CREATE_ACCOUNT, Map.of(OperationState.PARKED, 2))
        .containsEntry(OperationKind.ADD_ENTITLEMENT, Map.of(OperationState.PENDING, 1));
    assertThat(queue.inState(id, OperationState.PARKED))
        .extracting(StoredOperation::id)
        .containsExactly(ann.id(), bob.id());
    assertThat(queue.inState(id, OperationState.SUCCEEDED)).isEmpty();
    assertThat(queue.exists(id)).isTrue();
    assertThat(queue.exists(new PlanId("plan-never-stored"))).isFalse();

    assertThat(queue.requeue(ann.id(), NOW)).isTrue();
    assertThat(queue.find(ann.id()).orElseThrow().operation().attempts()).isZero();
    assertThat(queue.unsettled(id)).isEqualTo(2);
    assertThat(queue.discard(bob.id(), NOW)).isTrue();
    assertThat(queue.discard(bob.id(), NOW)).isFalse();
    assertThat(queue.list(List.of(OperationState.DISCARDED), 1000))
        .extracting(queued -> queued.operation().id())
        .contains(bob.id());
  }

  @Test
  void aPostponedOperationIsUnclaimedAsItWasAndTheCountedSeriesStartsAtItsFirstAttempt() {
    plan(List.of(create(target, "ann")));
    StoredOperation ann = claim(1, "w", NOW).get(0);
    assertThat(queue.firstAttemptAt(ann.id())).isEmpty();
    for (int attempt = 0; attempt < 2; attempt++) {
      store
          .plans()
          .recordAttempt(
              ann.id(),
              new OperationAttempt(
                  NOW.plusSeconds(attempt * 10),
                  NOW.plusSeconds(attempt * 10 + 1),
                  OperationState.FAILED,
                  io.tenure.connector.spi.ErrorKind.BUSY,
                  "busy"));
    }
    queue.release(ann.id(), "w", OperationState.FAILED, null, NOW);
    assertThat(queue.firstAttemptAt(ann.id())).contains(NOW);

    StoredOperation again = claim(1, "w", NOW.plusSeconds(30)).get(0);
    queue.postpone(again.id(), "w", OperationState.FAILED, NOW.plusSeconds(31));
    QueuedOperation postponed = queue.find(again.id()).orElseThrow();
    assertThat(postponed.claimedBy()).isNull();
    assertThat(postponed.operation().state()).isEqualTo(OperationState.FAILED);
    assertThat(postponed.operation().attempts()).isEqualTo(2);
    assertThat(claim(1, "other", NOW.plusSeconds(31))).hasSize(1);

    assertThat(queue.requeue(again.id(), NOW.plusSeconds(40))).isTrue();
    assertThat(queue.firstAttemptAt(again.id()))
        .as("an operator's retry starts a new series")
        .isEmpty();
  }

  @Test
  void heldOperationsAreNeverClaimedAndHoldBackTheirAccount() {
    PlanId id =
        plan(List.of(create(target, "ann"), grant(target, "ann", "staff"), create(target, "bob")));
    new JdbcTemplate(dataSource)
        .update(
            "update operations set state = 'HELD' where plan_id = ? and sequence = 0", id.value());
    assertThat(describe(claim(10, "w", NOW))).containsExactly("create " + target + "/bob");
  }

  @Test
  void aResumedHeldOperationIsDueAtOnceAndUnclaimedAsAfterARequeue() {
    PlanId id = plan(List.of(create(target, "ann")));
    JdbcHeldPlanRepository holds = new JdbcHeldPlanRepository(dataSource);
    store.transactions().run(() -> holds.hold(id, List.of(0), "the brake", NOW));
    // whatever retry time and claim the operation carried when it was held
    new JdbcTemplate(dataSource)
        .update(
            "update operations set next_attempt_at = ?, claimed_by = 'gone', claimed_until = ?"
                + " where plan_id = ?",
            Timestamps.bind(NOW.plusSeconds(86_400)),
            Timestamps.bind(NOW.plusSeconds(86_400)),
            id.value());
    assertThat(claim(10, "w", NOW)).isEmpty();

    store
        .transactions()
        .run(() -> holds.decide(id, HoldStatus.RESUMED, "cli:operator", "confirmed", NOW));

    assertThat(describe(claim(10, "w", NOW))).containsExactly("create " + target + "/ann");
  }

  @Test
  void concurrentWorkersNeverClaimTheSameOperation() throws Exception {
    planOfCreates(400);
    List<OperationId> claimed = Collections.synchronizedList(new ArrayList<>());
    inSixWorkers(
        name -> {
          List<StoredOperation> batch;
          do {
            batch = claim(7, name, NOW);
            batch.forEach(operation -> claimed.add(operation.id()));
          } while (!batch.isEmpty());
        });
    Set<OperationId> distinct = new HashSet<>(claimed);
    assertThat(claimed).hasSize(400);
    assertThat(distinct).hasSize(400);
  }

  @Test
  void aClaimTakesNoMoreThanTheTargetsConcurrencyLessWhatRunsUnderAnyWorker() {
    planOfCreates(5);
    Instant until = NOW.plusSeconds(60);

    List<StoredOperation> first = queue.claim(target, 10, 2, "w1", NOW, until);
    assertThat(first).hasSize(2);
    assertThat(queue.claim(target, 10, 2, "w2", NOW, until)).isEmpty();
    assertThat(queue.claim(target, 10, 3, "w2", NOW, until)).hasSize(1);
    succeed(first.get(0), "w1");
    assertThat(queue.claim(target, 10, 3, "w2", NOW, until)).hasSize(1);
    assertThat(queue.claim(target, 10, 3, "w3", NOW.plusSeconds(61), NOW.plusSeconds(120)))
        .as("expired claims do not count")
        .hasSize(3);
  }

  @Test
  void concurrentClaimsOfOneTargetNeverExceedItsConcurrencyTogether() throws Exception {
    planOfCreates(60);
    List<OperationId> claimed = Collections.synchronizedList(new ArrayList<>());
    inSixWorkers(
        name ->
            queue
                .claim(target, 5, 3, name, NOW, NOW.plusSeconds(60))
                .forEach(operation -> claimed.add(operation.id())));
    assertThat(claimed).hasSize(3).doesNotHaveDuplicates();
  }

  @Test
  void aHeartbeatRenewsOnlyTheWorkersOwnClaimsAndOnlyTheClaimantHoldsAnOperation() {
    plan(List.of(create(target, "ann"), create(target, "bob")));
    StoredOperation mine = claim(1, "w1", NOW).get(0);
    StoredOperation theirs = claim(1, "w2", NOW).get(0);

    Instant later = NOW.plusSeconds(120);
    assertThat(queue.renew(List.of(mine.id(), theirs.id()), "w1", later))
        .containsExactly(mine.id());
    assertThat(queue.find(mine.id()).orElseThrow().claimedUntil()).isEqualTo(later);
    assertThat(queue.find(theirs.id()).orElseThrow().claimedUntil()).isEqualTo(NOW.plusSeconds(60));
    assertThat(store.transactions().inTransaction(() -> queue.holds(mine.id(), "w1"))).isTrue();
    assertThat(store.transactions().inTransaction(() -> queue.holds(mine.id(), "w2"))).isFalse();
  }

  @Test
  void gatheringClaimsTheReadyGrantsOfOneEntitlementOnlyAsAClaimWould() {
    plan(
        List.of(
            create(target, "ann"),
            grant(target, "ann", "staff"),
            grant(target, "bob", "sales"),
            grant(target, "bob", "staff"),
            grant(target, "cy", "staff"),
            grant(target, "dee", "staff"),
            grant(target, "eve", "staff")));
    StoredOperation taken = claim(1, "w2", NOW).get(0); // ann's create: ann's grant waits for it
    assertThat(describe(List.of(taken))).containsExactly("create " + target + "/ann");
    StoredOperation cyAlready =
        queue.claimGrants(target, "staff", 1, "w2", NOW, NOW.plusSeconds(60)).get(0);
    assertThat(describe(List.of(cyAlready))).containsExactly("add " + target + "/cy to staff");

    List<StoredOperation> gathered =
        queue.claimGrants(target, "staff", 10, "w1", NOW, NOW.plusSeconds(60));

    // not ann's (behind her create), not bob's (behind his sales grant), not cy's (claimed)
    assertThat(describe(gathered))
        .containsExactly("add " + target + "/dee to staff", "add " + target + "/eve to staff");
    assertThat(gathered)
        .allSatisfy(
            operation ->
                assertThat(queue.find(operation.id()).orElseThrow().claimedBy()).isEqualTo("w1"));
    assertThat(queue.claimGrants(target, "staff", 10, "w1", NOW, NOW.plusSeconds(60))).isEmpty();
    assertThat(queue.claimGrants(target, "sales", 0, "w1", NOW, NOW.plusSeconds(60))).isEmpty();
  }

  @Test
  void aHeartbeatRenewsMoreClaimsThanAStatementHasParameters() {
    List<Operation> creates = new ArrayList<>();
    for (int index = 0; index < 70_000; index++) {
      creates.add(create(target, "p" + index));
    }
    plan(creates);
    List<StoredOperation> mine = claim(70_000, "w1", NOW);
    assertThat(mine).hasSize(70_000);

    Instant later = NOW.plusSeconds(120);
    assertThat(queue.renew(mine.stream().map(StoredOperation::id).toList(), "w1", later))
        .hasSize(70_000);
    // renewed in parts, each committed alone: every part's claims, the first and the last
    for (int index : new int[] {0, 999, 1000, 35_000, 69_999}) {
      assertThat(queue.find(mine.get(index).id()).orElseThrow().claimedUntil())
          .as("claim %d", index)
          .isEqualTo(later);
    }
  }

  @Test
  void aWorkersHeartbeatKeepsALongOperationFromBeingClaimedTwice() throws Exception {
    PlanId id = plan(List.of(create(target, "slow")));
    SlowTarget slow = new SlowTarget(target, Duration.ofSeconds(5));
    Duration lease = Duration.ofSeconds(2);
    List<StoredOperation> taken = new ArrayList<>();
    try (ConnectorRegistry registry = slow.registry();
        OperationWorkers.Running running = workers("worker-a", lease, 4).start(registry)) {
      assertThat(slow.awaitStarted(Duration.ofSeconds(30))).isTrue();
      taken.addAll(claimWhileItRuns(slow, lease));
      awaitSettled(id);
    }
    assertThat(taken).as("claimed by another worker while it ran").isEmpty();
    assertThat(slow.creates()).isEqualTo(1);
    assertThat(attempts(id)).containsExactly("SUCCEEDED by worker-a");
  }

  @Test
  void withoutAHeartbeatAnotherWorkerTakesALongOperationAndTheFirstRecordsOnlyThatItLostIt()
      throws Exception {
    PlanId id = plan(List.of(create(target, "slow")));
    SlowTarget slow = new SlowTarget(target, Duration.ofSeconds(5));
    Duration lease = Duration.ofSeconds(2);
    List<StoredOperation> taken = new ArrayList<>();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (ConnectorRegistry registry = slow.registry()) {
      // dispatched by hand: claimed and run, but no heartbeat renews the lease
      assertThat(workers("worker-a", lease, 4).dispatch(registry, pool)).isEqualTo(1);
      assertThat(slow.awaitStarted(Duration.ofSeconds(30))).isTrue();
      taken.addAll(claimWhileItRuns(slow, lease));
      assertThat(taken).as("the lease ran out while the operation ran").hasSize(1);
      slow.takes(Duration.ZERO);
      pool.shutdown();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

      QueuedOperation meanwhile = queue.find(taken.get(0).id()).orElseThrow();
      assertThat(meanwhile.claimedBy()).isEqualTo("worker-b");
      assertThat(meanwhile.operation().state()).isEqualTo(OperationState.PENDING);
      assertThat(attempts(id)).containsExactly("LEASE_LOST by worker-a");

      workers("worker-b", lease, 4).process(taken.get(0), registry);
    } finally {
      pool.shutdownNow();
    }
    assertThat(queue.find(taken.get(0).id()).orElseThrow().operation().state())
        .isEqualTo(OperationState.SUCCEEDED);
    assertThat(attempts(id)).containsExactly("LEASE_LOST by worker-a", "SUCCEEDED by worker-b");
    assertThat(live.auditLog().recent(target.value(), 100))
        .extracting(record -> record.event().action())
        .contains("operation.lease-lost", "operation.succeeded");
  }

  @Test
  void aTargetsConcurrencyHoldsAcrossTwoSetsOfWorkers() throws Exception {
    PlanId id = planOfCreates(12);
    SlowTarget slow = new SlowTarget(target, Duration.ofMillis(300));
    try (ConnectorRegistry one = slow.registry();
        ConnectorRegistry two = slow.registry();
        OperationWorkers.Running first = workers("worker-a", Duration.ofSeconds(30), 2).start(one);
        OperationWorkers.Running second =
            workers("worker-b", Duration.ofSeconds(30), 2).start(two)) {
      awaitSettled(id);
    }
    assertThat(slow.creates()).isEqualTo(12);
    assertThat(slow.mostAtOnce()).as("most creates at once across both sets").isEqualTo(2);
  }

  @Test
  void aBatchsOutcomesAreRecordedInOneTransactionAndAClaimLostMeanwhileCostsOnlyItsOperation() {
    PlanId id = plan(List.of(create(target, "ann"), create(target, "bob"), create(target, "cy")));
    FakeTarget fake = FakeTarget.named(target.value());
    fake.setBatchSize(10);
    List<Runnable> queued = new ArrayList<>();
    try (ConnectorRegistry registry = fakeRegistry()) {
      assertThat(workers("worker-a", Duration.ofSeconds(30), 4).dispatch(registry, queued::add))
          .isEqualTo(3);
      assertThat(queued).as("one batch").hasSize(1);
      // the batch's leases run out before it records: worker-b takes the oldest operation
      Instant later = Instant.now().plusSeconds(60);
      List<StoredOperation> taken =
          live.queue().claim(target, 1, "worker-b", later, later.plusSeconds(60));
      assertThat(taken).hasSize(1);

      queued.get(0).run();

      assertThat(fake.calls(FakeOperation.BATCH)).isEqualTo(1);
      assertThat(fake.accountNames()).containsExactlyInAnyOrder("ann", "bob", "cy");
    } finally {
      FakeTarget.forget(target.value());
    }
    StoredOperation lost = queue.find(taken(id, "ann")).orElseThrow().operation();
    assertThat(lost.state()).isEqualTo(OperationState.PENDING);
    assertThat(lost.attempts()).isZero();
    assertThat(queue.find(lost.id()).orElseThrow().claimedBy()).isEqualTo("worker-b");
    assertThat(attempts(id))
        .containsExactlyInAnyOrder(
            "SUCCEEDED by worker-a", "SUCCEEDED by worker-a", "LEASE_LOST by worker-a");
    assertThat(live.accounts().find(target, "ann")).as("not recorded over worker-b's").isEmpty();
    assertThat(live.accounts().find(target, "bob")).isPresent();
    assertThat(live.accounts().find(target, "cy")).isPresent();
    assertThat(live.auditLog().recent(target.value(), 100))
        .extracting(record -> record.event().action() + " " + record.event().subject())
        .containsExactlyInAnyOrder(
            "operation.lease-lost " + target + "/ann",
            "operation.succeeded " + target + "/bob",
            "operation.succeeded " + target + "/cy");
    assertThat(recordingTransactions(id)).as("the batch's attempts in one transaction").isOne();
  }

  @Test
  void whenABatchsRecordingFailsEachOfItsOperationsIsRecordedAlone() {
    PlanId id = plan(List.of(create(target, "ann"), create(target, "bob"), create(target, "cy")));
    FakeTarget fake = FakeTarget.named(target.value());
    fake.setBatchSize(10);
    AccountRepository failingAtOnce = new SavingOneByOne(live.accounts());
    OperationRunner runner =
        new OperationRunner(
            live.plans(), failingAtOnce, live.auditLog(), live.transactions(), Clock.systemUTC());
    try (ConnectorRegistry registry = fakeRegistry()) {
      assertThat(
              workers("worker-a", Duration.ofSeconds(30), 4, runner)
                  .dispatch(registry, Runnable::run))
          .isEqualTo(3);
      assertThat(fake.calls(FakeOperation.BATCH)).isEqualTo(1);
    } finally {
      FakeTarget.forget(target.value());
    }
    assertThat(store.plans().operations(id))
        .allMatch(operation -> operation.state() == OperationState.SUCCEEDED)
        .allMatch(operation -> operation.attempts() == 1);
    assertThat(attempts(id))
        .as("nothing of the failed recording kept")
        .containsExactly("SUCCEEDED by worker-a", "SUCCEEDED by worker-a", "SUCCEEDED by worker-a");
    for (String username : List.of("ann", "bob", "cy")) {
      assertThat(live.accounts().find(target, username)).isPresent();
    }
    assertThat(live.auditLog().recent(target.value(), 100))
        .extracting(record -> record.event().action())
        .containsExactly("operation.succeeded", "operation.succeeded", "operation.succeeded");
    assertThat(recordingTransactions(id)).as("one transaction each").isEqualTo(3);
  }

  /** The id of the plan's operation on the account. */
  private OperationId taken(PlanId id, String username) {
    return store.plans().operations(id).stream()
        .filter(operation -> operation.operation().username().equals(username))
        .findFirst()
        .orElseThrow()
        .id();
  }

  /** How many transactions wrote the plan's attempts. */
  private long recordingTransactions(PlanId id) {
    return new JdbcTemplate(dataSource)
        .queryForObject(
            "select count(distinct a.xmin::text) from operation_attempts a"
                + " join operations o on o.id = a.operation_id where o.plan_id = ?",
            Long.class,
            id.value());
  }

  /** A registry whose only target is this test's fake target (FakeTarget of the same name). */
  private ConnectorRegistry fakeRegistry() {
    return ConnectorRegistry.of(
        List.of(new FakeConnectorFactory()), List.of(SlowTarget.definition(target, "fake")));
  }

  /** The store's known accounts, except that saving many at once fails. */
  private record SavingOneByOne(AccountRepository accounts) implements AccountRepository {

    @Override
    public java.util.Optional<KnownAccount> find(TargetId target, String username) {
      return accounts.find(target, username);
    }

    @Override
    public List<KnownAccount> findAll(TargetId target, java.util.Collection<String> usernames) {
      return accounts.findAll(target, usernames);
    }

    @Override
    public List<KnownAccount> findByOwners(java.util.Collection<IdentityId> owners) {
      return accounts.findByOwners(owners);
    }

    @Override
    public java.util.stream.Stream<KnownAccount> stream(TargetId target) {
      return accounts.stream(target);
    }

    @Override
    public void save(KnownAccount account) {
      accounts.save(account);
    }

    @Override
    public void saveAll(java.util.Collection<KnownAccount> many) {
      throw new IllegalStateException("saving many accounts at once fails here");
    }

    @Override
    public void delete(TargetId target, String username) {
      accounts.delete(target, username);
    }

    @Override
    public long count(TargetId target) {
      return accounts.count(target);
    }
  }

  private PlanId planOfCreates(int count) {
    List<Operation> operations = new ArrayList<>();
    for (int index = 0; index < count; index++) {
      operations.add(create(target, "user" + index));
    }
    return plan(operations);
  }

  /** Runs the work as six workers ("worker-0" to "worker-5") at once, starting together. */
  private static void inSixWorkers(java.util.function.Consumer<String> work) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int worker = 0; worker < 6; worker++) {
        String name = "worker-" + worker;
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  work.accept(name);
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  /**
   * What another worker ("worker-b") can claim while the slow operation runs: it tries every 100 ms
   * until the operation ends or it claimed something.
   */
  private List<StoredOperation> claimWhileItRuns(SlowTarget slow, Duration lease)
      throws InterruptedException {
    List<StoredOperation> taken = new ArrayList<>();
    while (slow.running() > 0 && taken.isEmpty()) {
      Instant now = Instant.now();
      taken.addAll(live.queue().claim(target, 10, "worker-b", now, now.plus(lease)));
      Thread.sleep(100);
    }
    return taken;
  }

  private OperationWorkers workers(String name, Duration lease, int concurrency) {
    return workers(
        name,
        lease,
        concurrency,
        new OperationRunner(
            live.plans(),
            live.accounts(),
            live.auditLog(),
            live.transactions(),
            Clock.systemUTC()));
  }

  private OperationWorkers workers(
      String name, Duration lease, int concurrency, OperationRunner runner) {
    return new OperationWorkers(
        live.queue(),
        runner,
        QueueSettings.defaults().withLease(lease).withWorkers(4),
        Map.of(target, new TargetThrottle(concurrency, 0)),
        Clock.systemUTC(),
        new Random(1),
        name,
        "queue:test",
        AttemptListener.none());
  }

  private void awaitSettled(PlanId id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (queue.unsettled(id) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(queue.unsettled(id)).isZero();
  }

  /** The plan's attempts, oldest first, as "OUTCOME by WORKER". */
  private List<String> attempts(PlanId id) {
    return new JdbcTemplate(dataSource)
        .queryForList(
            "select a.outcome || ' by ' || coalesce(a.worker, '?') from operation_attempts a"
                + " join operations o on o.id = a.operation_id where o.plan_id = ?"
                + " order by a.id",
            String.class,
            id.value());
  }
}
