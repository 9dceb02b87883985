package io.tenure.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.tenure.core.account.TargetId;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.AddEntitlement;
import io.tenure.core.plan.CreateAccount;
import io.tenure.core.plan.Operation;
import io.tenure.core.plan.Plan;
import io.tenure.core.plan.Reason;
import io.tenure.engine.execution.OperationAttempt;
import io.tenure.engine.execution.OperationId;
import io.tenure.engine.execution.OperationQueue;
import io.tenure.engine.execution.OperationState;
import io.tenure.engine.execution.PlanId;
import io.tenure.engine.execution.StoredOperation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The durable queue's claim rules on a real PostgreSQL: per-account order across plans, leases,
 * SKIP LOCKED claims from concurrent workers that never overlap, held operations never claimed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QueueContract {

  private static final Instant NOW = Instant.parse("2026-03-01T09:30:00Z");

  private DataSource dataSource;
  private JdbcStore store;
  private OperationQueue queue;
  private TargetId target;

  protected abstract DataSource openDatabase() throws Exception;

  protected abstract void closeDatabase() throws Exception;

  protected static DataSource pooled(String url, String username) {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(url);
    pool.setUsername(username);
    pool.setMaximumPoolSize(8);
    return pool;
  }

  @BeforeAll
  void setUp() throws Exception {
    dataSource = openDatabase();
    JdbcStore.migrate(dataSource);
    store = JdbcStore.create(dataSource, Clock.fixed(NOW, ZoneOffset.UTC));
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
  void heldOperationsAreNeverClaimedAndHoldBackTheirAccount() {
    PlanId id =
        plan(List.of(create(target, "ann"), grant(target, "ann", "staff"), create(target, "bob")));
    new JdbcTemplate(dataSource)
        .update(
            "update operations set state = 'HELD' where plan_id = ? and sequence = 0", id.value());
    assertThat(describe(claim(10, "w", NOW))).containsExactly("create " + target + "/bob");
  }

  @Test
  void concurrentWorkersNeverClaimTheSameOperation() throws Exception {
    List<Operation> operations = new ArrayList<>();
    for (int index = 0; index < 400; index++) {
      operations.add(create(target, "user" + index));
    }
    plan(operations);
    List<OperationId> claimed = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int worker = 0; worker < 6; worker++) {
        String name = "worker-" + worker;
        futures.add(
            pool.submit(
                () -> {
                  List<StoredOperation> batch;
                  do {
                    batch = claim(7, name, NOW);
                    batch.forEach(operation -> claimed.add(operation.id()));
                  } while (!batch.isEmpty());
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
    Set<OperationId> distinct = new HashSet<>(claimed);
    assertThat(claimed).hasSize(400);
    assertThat(distinct).hasSize(400);
  }
}
