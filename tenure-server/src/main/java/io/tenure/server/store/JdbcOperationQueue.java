package io.tenure.server.store;

import io.tenure.core.account.TargetId;
import io.tenure.engine.execution.OperationId;
import io.tenure.engine.execution.OperationQueue;
import io.tenure.engine.execution.OperationState;
import io.tenure.engine.execution.PlanId;
import io.tenure.engine.execution.QueuedOperation;
import io.tenure.engine.execution.StoredOperation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The durable queue over the {@code operations} table (V3): claims with {@code FOR UPDATE SKIP
 * LOCKED} and a lease, so that any number of workers in any number of processes share it without
 * running an operation twice at once.
 */
final class JdbcOperationQueue implements OperationQueue {

  /** States after which a later operation of the same account may run. */
  static final String DONE_STATES = "('SUCCEEDED', 'DISCARDED', 'SKIPPED')";

  private static final String COLUMNS =
      "o.id, o.plan_id, o.sequence, o.payload::text as payload, o.state, o.attempts, o.last_error,"
          + " o.next_attempt_at, o.claimed_by, o.claimed_until, o.updated_at";

  private static final String CLAIM =
      "update operations o set claimed_by = ?, claimed_until = ?"
          + " from (select r.id from operations r"
          + "   where r.target = ? and r.state in ('PENDING', 'FAILED')"
          + "     and (r.next_attempt_at is null or r.next_attempt_at <= ?)"
          + "     and (r.claimed_until is null or r.claimed_until < ?)"
          + "     and not exists (select 1 from operations e"
          + "       where e.target = r.target and e.username = r.username and e.id < r.id"
          + "         and e.state not in "
          + DONE_STATES
          + ")"
          + "   order by r.id limit ? for update of r skip locked) ready"
          + " where o.id = ready.id returning "
          + COLUMNS;

  private final JdbcClient client;
  private final OperationCodec codec;

  JdbcOperationQueue(JdbcClient client, OperationCodec codec) {
    this.client = client;
    this.codec = codec;
  }

  @Override
  public List<StoredOperation> claim(
      TargetId target, int limit, String worker, Instant now, Instant leaseUntil) {
    if (limit <= 0) {
      return List.of();
    }
    return client
        .sql(CLAIM)
        .param(worker)
        .param(Timestamps.bind(leaseUntil))
        .param(target.value())
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
        .sql(
            "select count(*) from operations o where o.plan_id = ?"
                + " and o.state in ('PENDING', 'FAILED')"
                + " and not exists (select 1 from operations e"
                + "   where e.target = o.target and e.username = o.username and e.id < o.id"
                + "     and e.state in ('PARKED', 'HELD'))")
        .param(plan.value())
        .query(Integer.class)
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
