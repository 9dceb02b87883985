package io.tenure.store;

import io.tenure.connector.spi.ErrorKind;
import io.tenure.core.account.TargetId;
import io.tenure.core.plan.OperationKind;
import io.tenure.engine.execution.OperationAttempt;
import io.tenure.engine.execution.OperationCodec;
import io.tenure.engine.execution.OperationId;
import io.tenure.engine.execution.OperationQueue;
import io.tenure.engine.execution.OperationState;
import io.tenure.engine.execution.PlanId;
import io.tenure.engine.execution.QueuedOperation;
import io.tenure.engine.execution.Settlement;
import io.tenure.engine.execution.StoredOperation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable queue over the {@code operations} table (V3): claims with {@code FOR UPDATE SKIP
 * LOCKED} and a lease, so that any number of workers in any number of processes share it without
 * running an operation twice at once. A target's claims are serialised by a transaction-scoped
 * advisory lock when a concurrency limit applies, so that what runs of the target across all
 * processes never exceeds it; running workers renew their leases (heartbeat) and record an outcome
 * only while their claim holds.
 *
 * <p>A claim commits without waiting for the store's log to reach the disk ({@code
 * synchronous_commit = off} for its transaction alone): a claim is a lease, not an outcome. If the
 * database crashes before the claim reaches the disk, the operation is simply unclaimed again, and
 * the worker that ran it finds its claim gone when it records (a lost claim: nothing of it is
 * recorded over another worker's result); every later commit (an outcome's) flushes the log up to
 * and including the claims before it. This takes one disk sync off every dispatch round.
 */
final class JdbcOperationQueue implements OperationQueue {

  /** States after which a later operation of the same account may run. */
  static final String DONE_STATES = "('SUCCEEDED', 'DISCARDED', 'SKIPPED')";

  /**
   * An operation {@code o} of the plan (the one parameter) that will still run: pending or failed,
   * not behind a parked or held operation of its account.
   */
  private static final String UNSETTLED =
      "o.plan_id = ? and o.state in ('PENDING', 'FAILED')"
          + " and not exists (select 1 from operations e"
          + "   where e.target = o.target and e.username = o.username and e.id < o.id"
          + "     and e.state in ('PARKED', 'HELD'))";

  private static final String COLUMNS =
      "o.id, o.plan_id, o.sequence, o.payload::text as payload, o.state, o.attempts, o.last_error,"
          + " o.next_attempt_at, o.claimed_by, o.claimed_until, o.updated_at";

  /**
   * The claim: a target's ready operations, oldest first. The target is compared as {@code =
   * any(array)} and the rows ordered by {@code (target, id)} so that only the index {@code
   * operations_ready (target, id)} yields that order: with {@code target = ?} the planner may walk
   * the primary key in id order instead and filter, which it prefers while the statistics still say
   * that nearly every operation is pending (right after a large plan is stored), and which reads
   * every succeeded operation before the first ready one: at 100,000 people 35,000 rows read for
   * one claim 80 s into the execution, and more with every claim until the table is analysed.
   */
  private static final String CLAIM = claimOf("");

  /**
   * The gathering of grants ({@link #claimGrants}): a target's ready grants of one entitlement,
   * oldest first, as {@link #CLAIM} reads them (the same index, the same readiness), the
   * entitlement read from the payload.
   */
  private static final String CLAIM_GRANTS =
      claimOf(" and r.kind = 'ADD_ENTITLEMENT' and r.payload ->> 'entitlement' = ?");

  /**
   * A claim of a target's ready operations that also meet {@code condition} (with its parameters
   * after the target's): worker, lease, target, the condition's, now, now, limit.
   */
  private static String claimOf(String condition) {
    return "update operations o set claimed_by = ?, claimed_until = ?"
        + " from (select r.id from operations r"
        + "   where r.target = any(?::text[]) and r.state in ('PENDING', 'FAILED')"
        + condition
        + "     and (r.next_attempt_at is null or r.next_attempt_at <= ?)"
        + "     and (r.claimed_until is null or r.claimed_until < ?)"
        + "     and not exists (select 1 from operations e"
        + "       where e.target = r.target and e.username = r.username and e.id < r.id"
        + "         and e.state not in "
        + DONE_STATES
        + ")"
        + "   order by r.target, r.id limit ? for update of r skip locked) ready"
        + " where o.id = ready.id returning "
        + COLUMNS;
  }

  /**
   * The first key of the transaction-scoped advisory locks that serialise the claims of one target
   * (the second is the hash of the target's name), so that the count of its running operations and
   * the claim that follows are not interleaved with another worker's.
   */
  private static final int CLAIM_LOCKS = 0x7465_6e01;

  private final JdbcClient client;
  private final TransactionTemplate transaction;
  private final OperationCodec codec;

  JdbcOperationQueue(JdbcClient client, TransactionTemplate transaction, OperationCodec codec) {
    this.client = client;
    this.transaction = transaction;
    this.codec = codec;
  }

  @Override
  public List<StoredOperation> claim(
      TargetId target, int limit, int concurrency, String worker, Instant now, Instant leaseUntil) {
    if (limit <= 0) {
      return List.of();
    }
    return inClaimTransaction(
        () -> {
          if (concurrency == Integer.MAX_VALUE) {
            return claimReady(target, limit, worker, now, leaseUntil);
          }
          client
              .sql("select pg_advisory_xact_lock(?, hashtext(?))")
              .param(CLAIM_LOCKS)
              .param(target.value())
              .query()
              .singleRow();
          int running =
              client
                  .sql(
                      "select count(*) from operations where target = ?"
                          + " and claimed_by is not null and claimed_until >= ?")
                  .param(target.value())
                  .param(Timestamps.bind(now))
                  .query(Integer.class)
                  .single();
          int free = Math.min(limit, concurrency - running);
          return free <= 0 ? List.of() : claimReady(target, free, worker, now, leaseUntil);
        });
  }

  /**
   * Runs a claim in its own transaction, which commits without waiting for the log to reach the
   * disk (see the class comment).
   */
  private List<StoredOperation> inClaimTransaction(
      java.util.function.Supplier<List<StoredOperation>> claim) {
    List<StoredOperation> claimed =
        transaction.execute(
            status -> {
              client.sql("set local synchronous_commit = off").update();
              return claim.get();
            });
    return claimed == null ? List.of() : claimed;
  }

  private List<StoredOperation> claimReady(
      TargetId target, int limit, String worker, Instant now, Instant leaseUntil) {
    return claimWith(CLAIM, List.of(), target, limit, worker, now, leaseUntil);
  }

  /** Runs a claim made by {@link #claimOf}, {@code conditionValues} its condition's parameters. */
  private List<StoredOperation> claimWith(
      String claim,
      List<Object> conditionValues,
      TargetId target,
      int limit,
      String worker,
      Instant now,
      Instant leaseUntil) {
    JdbcClient.StatementSpec statement =
        client
            .sql(claim)
            .param(worker)
            .param(Timestamps.bind(leaseUntil))
            .param(new String[] {target.value()});
    for (Object value : conditionValues) {
      statement = statement.param(value);
    }
    return statement
        .param(Timestamps.bind(now))
        .param(Timestamps.bind(now))
        .param(limit)
        .query(this::mapQueued)
        .list()
        .stream()
        .map(QueuedOperation::operation)
        .sorted(Comparator.comparingLong(operation -> operation.id().value()))
        .toList();
  }

  @Override
  public List<StoredOperation> claimGrants(
      TargetId target,
      String entitlement,
      int limit,
      String worker,
      Instant now,
      Instant leaseUntil) {
    if (limit <= 0) {
      return List.of();
    }
    return inClaimTransaction(
        () ->
            claimWith(CLAIM_GRANTS, List.of(entitlement), target, limit, worker, now, leaseUntil));
  }

  /**
   * The most claims one renewal statement extends. Each statement is its own transaction and holds
   * the row locks of its part only while it runs: a recording that settles some of these operations
   * waits for one part at most, not for the renewal of a whole gathered batch (100,000 claims, a
   * second and more, during which every recording of the batch waited: the settles of a 100,000
   * initial load spent 57 s in all so).
   */
  static final int RENEWAL_PART = 1000;

  @Override
  public Set<OperationId> renew(
      Collection<OperationId> operations, String worker, Instant leaseUntil) {
    if (operations.isEmpty()) {
      return Set.of();
    }
    Set<OperationId> held = new HashSet<>();
    Long[] ids = operations.stream().map(OperationId::value).sorted().toArray(Long[]::new);
    for (int start = 0; start < ids.length; start += RENEWAL_PART) {
      Long[] part = Arrays.copyOfRange(ids, start, Math.min(ids.length, start + RENEWAL_PART));
      // rows locked by a transaction that is settling them are skipped, not waited for: a
      // heartbeat that waited could deadlock with a recording that settles many operations, and
      // such a row's claim is either ending now or, if the settling rolls back, renewed by the next
      // heartbeat
      client
          .sql(
              "with mine as (select id from operations where claimed_by = ?"
                  + " and id = any(?::bigint[])),"
                  + " free as (select id from operations where id in (select id from mine)"
                  + " and claimed_by = ? order by id for update skip locked),"
                  + " renewed as (update operations o set claimed_until = ? from free"
                  + " where o.id = free.id returning o.id)"
                  + " select id from mine")
          .param(worker)
          .param(part)
          .param(worker)
          .param(Timestamps.bind(leaseUntil))
          .query(Long.class)
          .list()
          .forEach(id -> held.add(new OperationId(id)));
    }
    return held;
  }

  @Override
  public boolean holds(OperationId id, String worker) {
    return !client
        .sql("select id from operations where id = ? and claimed_by = ? for update")
        .param(id.value())
        .param(worker)
        .query(Long.class)
        .list()
        .isEmpty();
  }

  @Override
  public void recordLostClaim(OperationId id, String worker, OperationAttempt attempt) {
    ErrorKind errorKind = attempt.errorKind();
    client
        .sql(
            "insert into operation_attempts (operation_id, started_at, finished_at, outcome,"
                + " error_kind, message, worker) values (?, ?, ?, 'LEASE_LOST', ?, ?, ?)")
        .param(id.value())
        .param(Timestamps.bind(attempt.started()))
        .param(Timestamps.bind(attempt.finished()))
        .param(errorKind == null ? null : errorKind.name())
        .param(
            "the lease expired and another worker took the operation; this attempt came to "
                + attempt.outcome()
                + (attempt.message() == null ? "" : " (" + attempt.message() + ")")
                + " and is not the operation's outcome")
        .param(worker)
        .update();
  }

  @Override
  public void release(
      OperationId id,
      String worker,
      OperationState state,
      @Nullable Instant nextAttemptAt,
      Instant now) {
    client
        .sql(
            "with released as (update operations set state = ?, next_attempt_at = ?,"
                + " claimed_by = null, claimed_until = null, updated_at = ?"
                + " where id = ? and claimed_by = ? returning id)"
                + " update operation_attempts set worker = ? where id = (select max(a.id)"
                + " from operation_attempts a join released r on a.operation_id = r.id)")
        .param(state.name())
        .param(Timestamps.bind(nextAttemptAt))
        .param(Timestamps.bind(now))
        .param(id.value())
        .param(worker)
        .param(worker)
        .update();
  }

  /**
   * One statement: the operation is updated (counted attempt, error, state, due time, claim ended)
   * only where the worker still claims it, which locks it until the transaction ends, and the
   * attempt is inserted only for the row so updated.
   */
  @Override
  public boolean settle(
      OperationId id,
      String worker,
      OperationAttempt attempt,
      OperationState state,
      @Nullable Instant nextAttemptAt,
      Instant now) {
    ErrorKind errorKind = attempt.errorKind();
    boolean failure = errorKind != null;
    return client
            .sql(
                "with settled as (update operations set state = ?, attempts = attempts + 1,"
                    + " last_error = case when ? then ? else last_error end,"
                    + " next_attempt_at = ?, claimed_by = null, claimed_until = null,"
                    + " updated_at = ? where id = ? and claimed_by = ? returning id)"
                    + " insert into operation_attempts (operation_id, started_at, finished_at,"
                    + " outcome, error_kind, message, worker)"
                    + " select id, ?, ?, ?, ?, ?, ? from settled")
            .param(state.name())
            .param(failure)
            .param(failure ? attempt.message() : null)
            .param(Timestamps.bind(nextAttemptAt))
            .param(Timestamps.bind(now))
            .param(id.value())
            .param(worker)
            .param(Timestamps.bind(attempt.started()))
            .param(Timestamps.bind(attempt.finished()))
            .param(attempt.outcome().name())
            .param(errorKind == null ? null : errorKind.name())
            .param(attempt.message())
            .param(worker)
            .update()
        == 1;
  }

  /**
   * One statement for all: the settlements as arrays ({@code unnest}); each operation is updated
   * only where its settlement's worker still claims it (which locks it until the transaction ends),
   * and an attempt is inserted for each operation so updated, in operation order.
   */
  @Override
  public Set<OperationId> settleAll(List<Settlement> settlements, Instant now) {
    if (settlements.isEmpty()) {
      return Set.of();
    }
    List<Settlement> ordered =
        settlements.stream()
            .sorted(Comparator.comparingLong(settlement -> settlement.operation().value()))
            .toList();
    int size = ordered.size();
    String[] ids = new String[size];
    String[] workers = new String[size];
    String[] states = new String[size];
    String[] due = new String[size];
    String[] started = new String[size];
    String[] finished = new String[size];
    String[] outcomes = new String[size];
    String[] errorKinds = new String[size];
    String[] messages = new String[size];
    for (int index = 0; index < size; index++) {
      Settlement settlement = ordered.get(index);
      OperationAttempt attempt = settlement.attempt();
      ids[index] = Long.toString(settlement.operation().value());
      workers[index] = settlement.worker();
      states[index] = settlement.state().name();
      due[index] = text(settlement.nextAttemptAt());
      started[index] = text(attempt.started());
      finished[index] = text(attempt.finished());
      outcomes[index] = attempt.outcome().name();
      errorKinds[index] = attempt.errorKind() == null ? null : attempt.errorKind().name();
      messages[index] = attempt.message();
    }
    Set<OperationId> settled = new HashSet<>();
    client
        .sql(
            "with input as (select s.id::bigint as id, s.worker, s.state,"
                + " s.due::timestamptz as due, s.started::timestamptz as started,"
                + " s.finished::timestamptz as finished, s.outcome, s.error_kind, s.message"
                + " from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
                + " ?::text[], ?::text[], ?::text[])"
                + " as s(id, worker, state, due, started, finished, outcome, error_kind, message)),"
                + " settled as (update operations o set state = i.state,"
                + " attempts = o.attempts + 1,"
                + " last_error = case when i.error_kind is not null then i.message"
                + " else o.last_error end,"
                + " next_attempt_at = i.due, claimed_by = null, claimed_until = null,"
                + " updated_at = ? from input i where o.id = i.id and o.claimed_by = i.worker"
                + " returning o.id)"
                + " insert into operation_attempts (operation_id, started_at, finished_at,"
                + " outcome, error_kind, message, worker)"
                + " select i.id, i.started, i.finished, i.outcome, i.error_kind, i.message,"
                + " i.worker from input i join settled s on s.id = i.id order by i.id"
                + " returning operation_id")
        .param(ids)
        .param(workers)
        .param(states)
        .param(due)
        .param(started)
        .param(finished)
        .param(outcomes)
        .param(errorKinds)
        .param(messages)
        .param(Timestamps.bind(now))
        .query(Long.class)
        .list()
        .forEach(id -> settled.add(new OperationId(id)));
    return settled;
  }

  /** An instant as PostgreSQL reads it into a {@code timestamptz}, at its precision. */
  private static @Nullable String text(@Nullable Instant instant) {
    return instant == null ? null : Timestamps.truncate(instant).toString();
  }

  @Override
  public void postpone(OperationId id, String worker, OperationState state, Instant now) {
    client
        .sql(
            "update operations set claimed_by = null, claimed_until = null, next_attempt_at = null,"
                + " updated_at = ? where id = ? and claimed_by = ?")
        .param(Timestamps.bind(now))
        .param(id.value())
        .param(worker)
        .update();
  }

  /**
   * The start of the earliest of the operation's last {@code attempts} counted attempts (skipped
   * and lease-lost ones do not count), so that a retry by an operator, which resets the count,
   * begins a new series.
   */
  @Override
  public Optional<Instant> firstAttemptAt(OperationId id) {
    return client
        .sql(
            "select min(started_at) as first from (select a.started_at from operation_attempts a"
                + " where a.operation_id = :id and a.outcome not in ('SKIPPED', 'LEASE_LOST')"
                + " order by a.id desc"
                + " limit (select attempts from operations where id = :id)) counted")
        .param("id", id.value())
        .query((row, number) -> Optional.ofNullable(Timestamps.read(row, "first")))
        .single();
  }

  @Override
  public Optional<QueuedOperation> find(OperationId id) {
    return client
        .sql("select " + COLUMNS + " from operations o where o.id = ?")
        .param(id.value())
        .query(this::mapQueued)
        .optional();
  }

  @Override
  public List<QueuedOperation> list(Collection<OperationState> states, int limit) {
    if (states.isEmpty()) {
      return client
          .sql("select " + COLUMNS + " from operations o order by o.id limit :limit")
          .param("limit", limit)
          .query(this::mapQueued)
          .list();
    }
    return client
        .sql(
            "select "
                + COLUMNS
                + " from operations o where o.state in (:states) order by o.id limit :limit")
        .param("states", states.stream().map(OperationState::name).toList())
        .param("limit", limit)
        .query(this::mapQueued)
        .list();
  }

  @Override
  public boolean requeue(OperationId id, Instant now) {
    return client
            .sql(
                "update operations set state = 'PENDING', attempts = 0, next_attempt_at = null,"
                    + " claimed_by = null, claimed_until = null, updated_at = ?"
                    + " where id = ? and state in ('PARKED', 'FAILED')")
            .param(Timestamps.bind(now))
            .param(id.value())
            .update()
        == 1;
  }

  @Override
  public boolean discard(OperationId id, Instant now) {
    return client
            .sql(
                "update operations set state = 'DISCARDED', next_attempt_at = null,"
                    + " claimed_by = null, claimed_until = null, updated_at = ?"
                    + " where id = ? and state not in ('SUCCEEDED', 'DISCARDED')")
            .param(Timestamps.bind(now))
            .param(id.value())
            .update()
        == 1;
  }

  @Override
  public int unsettled(PlanId plan) {
    return client
        .sql("select count(*) from operations o where " + UNSETTLED)
        .param(plan.value())
        .query(Integer.class)
        .single();
  }

  /** Stops at the plan's first unsettled operation instead of counting them all. */
  @Override
  public boolean settled(PlanId plan) {
    return !client
        .sql("select exists (select 1 from operations o where " + UNSETTLED + ")")
        .param(plan.value())
        .query(Boolean.class)
        .single();
  }

  @Override
  public String requester(PlanId plan) {
    return client
        .sql("select actor from plans where id = ?")
        .param(plan.value())
        .query(String.class)
        .optional()
        .orElseThrow(() -> new IllegalArgumentException("there is no plan " + plan));
  }

  @Override
  public boolean exists(PlanId plan) {
    return client
        .sql("select exists (select 1 from plans where id = ?)")
        .param(plan.value())
        .query(Boolean.class)
        .single();
  }

  @Override
  public Map<OperationKind, Map<OperationState, Integer>> counts(PlanId plan) {
    Map<OperationKind, Map<OperationState, Integer>> counts = new EnumMap<>(OperationKind.class);
    client
        .sql(
            "select kind, state, count(*) as count from operations where plan_id = ?"
                + " group by kind, state")
        .param(plan.value())
        .query(
            row -> {
              counts
                  .computeIfAbsent(
                      OperationKind.valueOf(row.getString("kind")),
                      ignored -> new EnumMap<>(OperationState.class))
                  .put(OperationState.valueOf(row.getString("state")), row.getInt("count"));
            });
    return counts;
  }

  @Override
  public List<StoredOperation> inState(PlanId plan, OperationState state) {
    return client
        .sql(
            "select "
                + COLUMNS
                + " from operations o where o.plan_id = ? and o.state = ? order by o.sequence")
        .param(plan.value())
        .param(state.name())
        .query(this::mapQueued)
        .list()
        .stream()
        .map(QueuedOperation::operation)
        .toList();
  }

  @Override
  public Map<TargetId, Map<OperationState, Long>> depth() {
    Map<TargetId, Map<OperationState, Long>> depth = new TreeMap<>();
    client
        .sql("select target, state, count(*) as count from operations group by target, state")
        .query(
            row -> {
              depth
                  .computeIfAbsent(
                      new TargetId(row.getString("target")), ignored -> new TreeMap<>())
                  .put(OperationState.valueOf(row.getString("state")), row.getLong("count"));
            });
    return depth;
  }

  private QueuedOperation mapQueued(ResultSet row, int number) throws SQLException {
    StoredOperation operation =
        new StoredOperation(
            new OperationId(row.getLong("id")),
            new PlanId(row.getString("plan_id")),
            row.getInt("sequence"),
            codec.read(row.getString("payload")),
            OperationState.valueOf(row.getString("state")),
            row.getInt("attempts"),
            row.getString("last_error"));
    return new QueuedOperation(
        operation,
        Timestamps.read(row, "next_attempt_at"),
        row.getString("claimed_by"),
        Timestamps.read(row, "claimed_until"),
        Timestamps.readRequired(row, "updated_at"));
  }
}
