package io.tenure.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.tenure.core.account.TargetId;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.AddEntitlement;
import io.tenure.core.plan.AttributeChange;
import io.tenure.core.plan.CreateAccount;
import io.tenure.core.plan.DeleteAccount;
import io.tenure.core.plan.DisableAccount;
import io.tenure.core.plan.Operation;
import io.tenure.core.plan.Plan;
import io.tenure.core.plan.Planner;
import io.tenure.core.plan.Reason;
import io.tenure.core.plan.RemoveEntitlement;
import io.tenure.core.plan.UpdateAccount;
import io.tenure.engine.configuration.GuardSettings;
import io.tenure.engine.execution.OperationState;
import io.tenure.engine.execution.QueueMark;
import io.tenure.engine.execution.StoredOperation;
import io.tenure.engine.guard.GuardedExecution;
import io.tenure.engine.guard.GuardedPlan;
import io.tenure.store.guard.JdbcHeldPlanRepository;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A plan streamed into the store in chunks (issue 18) on the shared PostgreSQL, in a database made
 * for this class: stored exactly as the whole plan sorted by {@link Planner#ORDER} (the old path),
 * split against the queue chunk by chunk, judged as a whole by the brake, and nothing of it left
 * when its transaction rolls back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamedPlanIT {

  private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final TargetId DIRECTORY = new TargetId("directory");
  private static final TargetId MAIL = new TargetId("mail");

  private final String database = "tenure_it_" + UUID.randomUUID().toString().replace("-", "");
  private HikariDataSource dataSource;
  private JdbcStore store;
  private JdbcClient sql;
  private GuardedExecution guarded;

  @BeforeAll
  void setUp() throws Exception {
    try (Connection connection = ScratchDatabase.connect("postgres").getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("create database " + database);
    }
    dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(ScratchDatabase.connect(database).getUrl());
    dataSource.setUsername(ScratchDatabase.connect(database).getUser());
    dataSource.setMaximumPoolSize(3);
    JdbcStore.migrate(dataSource);
    store = JdbcStore.create(dataSource, CLOCK);
    sql = JdbcClient.create(dataSource);
    // the brake: at most 5 accounts deprovisioned per plan on the directory, none counted before
    GuardSettings brake = new GuardSettings(0, 5, Duration.ZERO, 5);
    guarded =
        new GuardedExecution(
            store.plans(),
            new JdbcHeldPlanRepository(dataSource),
            store.accounts(),
            store.auditLog(),
            null,
            store.transactions(),
            store.ids(),
            CLOCK,
            target -> target.equals(DIRECTORY) ? brake : GuardSettings.defaults());
  }

  @BeforeEach
  void emptyQueue() {
    sql.sql("delete from operation_attempts").update();
    sql.sql("delete from plan_holds").update();
    sql.sql("delete from operations").update();
    sql.sql("delete from plans").update();
  }

  @AfterAll
  void tearDown() throws Exception {
    if (dataSource != null) {
      dataSource.close();
    }
    try (Connection connection = ScratchDatabase.connect("postgres").getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists " + database + " with (force)");
    }
  }

  @Test
  void aPlanStreamedInManyChunksIsStoredExactlyAsTheWholePlanSorted() {
    List<List<Operation>> chunks = chunks(accounts(1500, false), 37, new Random(18));
    List<Operation> whole = new ArrayList<>();
    chunks.forEach(whole::addAll);
    whole.sort(Planner.ORDER);

    GuardedPlan streamed = guarded.store(chunks::forEach, QueueMark.none(), "test", "streamed");

    assertThat(streamed.size()).isEqualTo(whole.size()).isGreaterThan(3000);
    assertThat(streamed.held()).isFalse();
    // too large to be read back: a header, which refuses to stand for the operations
    assertThat(streamed.stored().holdsOperations()).isFalse();
    assertThatThrownBy(() -> streamed.stored().plan())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(streamed.stored().id().value());
    List<StoredOperation> stored =
        store.transactions().inTransaction(() -> store.plans().operations(streamed.stored().id()));
    assertThat(stored).extracting(StoredOperation::operation).containsExactlyElementsOf(whole);
    assertThat(stored)
        .extracting(StoredOperation::sequence)
        .containsExactlyElementsOf(range(whole.size()));
    // the queue orders an account's operations by id: ids follow the plan order, but an
    // account's grants go staff (granted to most) first, its cn=g* group (sorting before) second
    assertThat(queueOrder(stored)).containsExactlyElementsOf(queueOrderExpected(whole));
    assertThat(stored).extracting(StoredOperation::state).containsOnly(OperationState.PENDING);

    // the old path: the whole plan in memory, stored in one piece, is the same plan
    emptyQueue();
    GuardedPlan inMemory = guarded.store(new Plan(whole), QueueMark.none(), "test", "whole");
    assertThat(inMemory.stored().holdsOperations()).isTrue();
    assertThat(inMemory.stored().plan().operations()).containsExactlyElementsOf(whole);
  }

  @Test
  void afterTheCreatesEveryGrantOfTheLargestGroupIsReadyAtOnceStreamedOrInOneChunk() {
    // every person: a create, a grant of their department's group and of staff; "staff" sorts
    // after every department but "support" (a tenth), so in plan order staff is most people's
    // second grant, and only the support people's staff grants would be ready after the creates
    List<String> departments = List.of("engineering", "finance", "sales", "support");
    List<List<Operation>> people = new ArrayList<>();
    Map<String, Integer> sizes = new java.util.HashMap<>();
    for (int index = 0; index < 400; index++) {
      String name = String.format("p%04d", index);
      IdentityId owner = new IdentityId("id-" + name);
      String department = index % 10 == 0 ? "support" : departments.get(index % 3);
      sizes.merge(department, 1, Integer::sum);
      List<Operation> operations = new ArrayList<>();
      operations.add(
          new CreateAccount(DIRECTORY, name, owner, Map.of("cn", name), true, Reason.of("joiner")));
      operations.add(new AddEntitlement(DIRECTORY, name, owner, "staff", Reason.of("employees")));
      operations.add(
          new AddEntitlement(DIRECTORY, name, owner, department, Reason.of("department")));
      operations.sort(Planner.ORDER);
      people.add(operations);
    }
    for (int size : List.of(37, 400)) {
      emptyQueue();
      List<List<Operation>> chunks = chunks(people, size, new Random(size));
      GuardedPlan stored = guarded.store(chunks::forEach, QueueMark.none(), "test", "people");
      assertThat(stored.size()).as("chunks of %d", size).isEqualTo(1200);
      // the plan keeps its order: each person's department grant before staff unless "support"
      List<StoredOperation> operations =
          store.transactions().inTransaction(() -> store.plans().operations(stored.stored().id()));
      List<Operation> whole = new ArrayList<>();
      chunks.forEach(whole::addAll);
      whole.sort(Planner.ORDER);
      assertThat(operations)
          .extracting(StoredOperation::operation)
          .containsExactlyElementsOf(whole);

      assertThat(
              store.queue().claimGrants(DIRECTORY, "staff", 1000, "w1", NOW, NOW.plusSeconds(60)))
          .as("behind the creates")
          .isEmpty();
      sql.sql("update operations set state = 'SUCCEEDED' where kind = 'CREATE_ACCOUNT'").update();

      List<StoredOperation> staff =
          store.queue().claimGrants(DIRECTORY, "staff", 1000, "w1", NOW, NOW.plusSeconds(60));
      assertThat(staff).as("chunks of %d", size).hasSize(400);
      // the departments' grants wait for staff's, then are all ready together
      for (String department : departments) {
        assertThat(
                store
                    .queue()
                    .claimGrants(DIRECTORY, department, 1000, "w2", NOW, NOW.plusSeconds(60)))
            .as(department)
            .isEmpty();
      }
      sql.sql(
              "update operations set state = 'SUCCEEDED', claimed_by = null where claimed_by = 'w1'")
          .update();
      assertThat(
              store.queue().claimGrants(DIRECTORY, "sales", 1000, "w2", NOW, NOW.plusSeconds(60)))
          .hasSize(sizes.get("sales"))
          .hasSizeGreaterThan(100);
    }
  }

  @Test
  void theSecondStreamOfTheSamePlanFindsEveryOperationAlreadyQueued() {
    List<List<Operation>> chunks = chunks(accounts(300, false), 7, new Random(7));
    GuardedPlan first = guarded.store(chunks::forEach, QueueMark.none(), "test", "first");
    GuardedPlan second = guarded.store(chunks::forEach, QueueMark.none(), "test", "second");

    assertThat(second.size()).isZero();
    assertThat(second.alreadyQueued()).hasSize(first.size());
    assertThat(second.earlierPlans()).containsExactly(first.stored().id());
  }

  @Test
  void theBrakeJudgesAStreamedPlanAsAWholeAndHoldsEveryOperationOfTheLeavers() {
    // 13 leavers on the directory (the even ones of 40 that are not on the mail target), 1 to 3
    // in each of the 10 chunks: each chunk is under the limit (5), the plan is not
    List<List<Operation>> chunks = chunks(accounts(40, true), 4, new Random(3));
    GuardedPlan held = guarded.store(chunks::forEach, QueueMark.none(), "test", "leavers");

    assertThat(held.held()).isTrue();
    assertThat(held.decision().breaches())
        .singleElement()
        .satisfies(
            breach -> {
              assertThat(breach.target()).isEqualTo(DIRECTORY);
              assertThat(breach.deprovisioned()).isEqualTo(13);
            });
    List<StoredOperation> stored =
        store.transactions().inTransaction(() -> store.plans().operations(held.stored().id()));
    Map<String, List<OperationState>> statesOfLeavers = new LinkedHashMap<>();
    for (StoredOperation operation : stored) {
      boolean leaver =
          operation.operation().target().equals(DIRECTORY)
              && operation.operation().username().startsWith("leaver");
      if (leaver) {
        statesOfLeavers
            .computeIfAbsent(operation.operation().username(), name -> new ArrayList<>())
            .add(operation.state());
      } else {
        assertThat(operation.state())
            .as(operation.operation().describe())
            .isEqualTo(OperationState.PENDING);
      }
    }
    assertThat(statesOfLeavers)
        .hasSize(13)
        .allSatisfy((name, states) -> assertThat(states).containsOnly(OperationState.HELD));
    assertThat(held.decision().heldSequences())
        .hasSize(statesOfLeavers.values().stream().mapToInt(List::size).sum());
    assertThat(
            sql.sql("select held_operations from plan_holds where plan_id = ?")
                .param(held.stored().id().value())
                .query(Integer.class)
                .single())
        .isEqualTo(held.decision().heldSequences().size());
  }

  @Test
  void aStreamedPlanWhoseTransactionRollsBackLeavesNothing() {
    List<List<Operation>> chunks = chunks(accounts(200, true), 10, new Random(5));
    // held by the brake, then refused by the caller: the transaction rolls back
    assertThatThrownBy(
            () ->
                store
                    .transactions()
                    .inTransaction(
                        () -> {
                          GuardedPlan held =
                              guarded.store(chunks::forEach, QueueMark.none(), "test", "refused");
                          assertThat(held.held()).isTrue();
                          throw new IllegalStateException("refused");
                        }))
        .hasMessage("refused");
    // the planner fails after a few chunks
    assertThatThrownBy(
            () ->
                guarded.store(
                    (Consumer<Consumer<List<Operation>>>)
                        sink -> {
                          chunks.subList(0, 3).forEach(sink);
                          throw new IllegalStateException("planning failed");
                        },
                    QueueMark.none(),
                    "test",
                    "failed"))
        .hasMessage("planning failed");

    for (String table : List.of("plans", "operations", "plan_holds")) {
      assertThat(sql.sql("select count(*) from " + table).query(Long.class).single())
          .as(table)
          .isZero();
    }
    // and the next plan streams as if nothing happened
    GuardedPlan next = guarded.store(chunks::forEach, QueueMark.none(), "test", "next");
    assertThat(next.held()).isTrue();
    assertThat(sql.sql("select count(*) from operations").query(Long.class).single())
        .isEqualTo(next.size());
  }

  @Test
  void operationsWithEveryCharacterCopyEscapesAreStoredAndReadBackIdenticalInOrder() {
    // what COPY's text format escapes or could misread: backslash, tab, newline, carriage
    // return, the null marker, quotes, a lone dot, characters beyond the basic plane
    String[] awkward = {
      "back\\slash",
      "tab\there",
      "new\nline",
      "carriage\rreturn",
      "\\N",
      "\\.",
      "quote\"d'",
      "\uD83D\uDE00 emoji",
      "é\u0001ctl",
      "end\\"
    };
    List<List<Operation>> accounts = new ArrayList<>();
    for (int index = 0; index < awkward.length * 30; index++) {
      String text = awkward[index % awkward.length];
      IdentityId owner = new IdentityId("id\t" + index);
      String name = text + index;
      accounts.add(
          sorted(
              new CreateAccount(
                  DIRECTORY,
                  name,
                  owner,
                  Map.of("cn", text, "description", "a\\b\tc\nd " + text),
                  true,
                  Reason.of("joiner " + text).because("rule\n" + index)),
              new AddEntitlement(DIRECTORY, name, owner, "cn=" + text, Reason.of(text)),
              new UpdateAccount(
                  MAIL,
                  name,
                  null,
                  List.of(new AttributeChange("title", text, null)),
                  Reason.of("mover\r\n"))));
    }
    for (int size : List.of(accounts.size(), 13)) {
      emptyQueue();
      // one chunk (copied straight into operations) and many (staged, then moved in plan order)
      List<List<Operation>> chunks = chunks(accounts, size, new Random(size));
      List<Operation> whole = new ArrayList<>();
      chunks.forEach(whole::addAll);
      whole.sort(Planner.ORDER);

      GuardedPlan stored = guarded.store(chunks::forEach, QueueMark.none(), "test", "awkward");

      List<StoredOperation> read =
          store.transactions().inTransaction(() -> store.plans().operations(stored.stored().id()));
      assertThat(read)
          .as("chunks of %d", size)
          .extracting(StoredOperation::operation)
          .containsExactlyElementsOf(whole);
      assertThat(read)
          .extracting(StoredOperation::sequence)
          .containsExactlyElementsOf(range(whole.size()));
      assertThat(read).extracting(operation -> operation.id().value()).isSorted();
      // the columns beside the payload hold the same text
      assertThat(
              sql.sql("select username from operations order by sequence")
                  .query(String.class)
                  .list())
          .containsExactlyElementsOf(whole.stream().map(Operation::username).toList());
    }
  }

  private static List<Operation> sorted(Operation... operations) {
    List<Operation> list = new ArrayList<>(List.of(operations));
    list.sort(Planner.ORDER);
    return list;
  }

  /**
   * Every account's operations, each account's sorted by {@link Planner#ORDER}: creates with
   * entitlements, updates, removals, on two targets, with names that Java and PostgreSQL could
   * order differently; with {@code leavers}, every tenth account of each chunk-sized group is
   * disabled and deleted on the directory.
   */
  private static List<List<Operation>> accounts(int count, boolean leavers) {
    String[] prefixes = {"a", "B", "z", "é", "\uE000x", "\uD83D\uDE00y", "ab", "a b", "Ä"};
    List<List<Operation>> accounts = new ArrayList<>();
    for (int index = 0; index < count; index++) {
      IdentityId owner = new IdentityId(String.format("id-%05d", index));
      TargetId target = index % 3 == 0 ? MAIL : DIRECTORY;
      String name = prefixes[index % prefixes.length] + (count - index);
      Reason reason = Reason.of("rule " + index % 5).because("role r" + index % 4);
      List<Operation> operations = new ArrayList<>();
      if (leavers && target.equals(DIRECTORY) && index % 2 == 0) {
        String leaver = "leaver" + index;
        operations.add(new DisableAccount(target, leaver, owner, Reason.of("leaver")));
        operations.add(
            new RemoveEntitlement(target, leaver, owner, "cn=staff", Reason.of("leaver")));
        operations.add(new DeleteAccount(target, leaver, owner, Reason.of("retention")));
      } else if (index % 4 == 1) {
        operations.add(
            new UpdateAccount(
                target,
                name,
                owner,
                List.of(new AttributeChange("title", "A", "B" + index)),
                Reason.of("mover")));
        operations.add(
            new RemoveEntitlement(target, name, owner, "cn=old" + index % 3, Reason.of("moved")));
      } else {
        operations.add(
            new CreateAccount(
                target, name, owner, Map.of("cn", "Person " + index), true, Reason.of("joiner")));
        operations.add(new AddEntitlement(target, name, owner, "cn=staff", reason));
        operations.add(new AddEntitlement(target, name, owner, "cn=g" + index % 7, reason));
      }
      operations.sort(Planner.ORDER);
      accounts.add(operations);
    }
    return accounts;
  }

  /** The accounts shuffled into chunks of {@code size}, each chunk sorted by the plan order. */
  private static List<List<Operation>> chunks(
      List<List<Operation>> accounts, int size, Random random) {
    List<List<Operation>> shuffled = new ArrayList<>(accounts);
    Collections.shuffle(shuffled, random);
    List<List<Operation>> chunks = new ArrayList<>();
    for (int from = 0; from < shuffled.size(); from += size) {
      List<Operation> chunk = new ArrayList<>();
      shuffled.subList(from, Math.min(shuffled.size(), from + size)).forEach(chunk::addAll);
      chunk.sort(Planner.ORDER);
      chunks.add(chunk);
    }
    return chunks;
  }

  /** The operations of each account in id order: "target/username kind [entitlement]". */
  private static List<String> queueOrder(List<StoredOperation> stored) {
    List<StoredOperation> byId = new ArrayList<>(stored);
    byId.sort(java.util.Comparator.comparingLong(operation -> operation.id().value()));
    return byId.stream().map(operation -> describe(operation.operation())).toList();
  }

  /**
   * What {@link #queueOrder} should be for the plan: the plan order, but each account's grants the
   * entitlement granted most often (per target) first, ties in plan order.
   */
  private static List<String> queueOrderExpected(List<Operation> planOrder) {
    Map<String, Integer> grants = new java.util.HashMap<>();
    for (Operation operation : planOrder) {
      if (operation instanceof AddEntitlement add) {
        grants.merge(add.target() + "/" + add.entitlement(), 1, Integer::sum);
      }
    }
    List<Operation> expected = new ArrayList<>(planOrder);
    expected.sort(
        java.util.Comparator.comparing(Operation::kind)
            .thenComparing(Operation::target)
            .thenComparing(Operation::username)
            .thenComparing(
                operation ->
                    operation instanceof AddEntitlement add
                        ? -grants.get(add.target() + "/" + add.entitlement())
                        : 0));
    return expected.stream().map(StreamedPlanIT::describe).toList();
  }

  private static String describe(Operation operation) {
    return operation.target()
        + "/"
        + operation.username()
        + " "
        + operation.kind()
        + (operation instanceof AddEntitlement add ? " " + add.entitlement() : "");
  }

  private static List<Integer> range(int size) {
    List<Integer> range = new ArrayList<>(size);
    for (int at = 0; at < size; at++) {
      range.add(at);
    }
    return range;
  }
}
