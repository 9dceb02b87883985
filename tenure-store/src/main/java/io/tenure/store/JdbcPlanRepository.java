package io.tenure.store;

import io.tenure.connector.spi.ErrorKind;
import io.tenure.core.account.TargetId;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.Operation;
import io.tenure.core.plan.Plan;
import io.tenure.engine.execution.OperationAttempt;
import io.tenure.engine.execution.OperationCodec;
import io.tenure.engine.execution.OperationId;
import io.tenure.engine.execution.OperationState;
import io.tenure.engine.execution.PlanId;
import io.tenure.engine.execution.PlanRepository;
import io.tenure.engine.execution.PlanWriter;
import io.tenure.engine.execution.StoredOperation;
import io.tenure.engine.execution.StoredPlan;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Plans, their operations (the durable queue) and every attempt. */
final class JdbcPlanRepository implements PlanRepository {

  private static final int OWNERS_PER_QUERY = 1000;

  private static final String OPERATION =
      "select id, plan_id, sequence, payload::text as payload, state, attempts, last_error"
          + " from operations";

  private final JdbcClient client;
  private final JdbcOperations jdbc;
  private final OperationCodec codec;
  private final Clock clock;

  JdbcPlanRepository(JdbcClient client, JdbcOperations jdbc, OperationCodec codec, Clock clock) {
    this.client = client;
    this.jdbc = jdbc;
    this.codec = codec;
    this.clock = clock;
  }

  @Override
  public StoredPlan create(PlanId id, Plan plan, String actor, String trigger, Instant createdAt) {
    JdbcPlanWriter writer = new JdbcPlanWriter(client, jdbc, codec, clock, false);
    writer.append(plan.operations());
    writer.finish(id, actor, trigger, createdAt);
    return new StoredPlan(id, Timestamps.truncate(createdAt), actor, trigger, plan);
  }

  @Override
  public PlanWriter writer() {
    return new JdbcPlanWriter(client, jdbc, codec, clock, true);
  }

  @Override
  public Set<Integer> sequencesOf(PlanId plan, TargetId target, Collection<String> usernames) {
    if (usernames.isEmpty()) {
      return Set.of();
    }
    return new TreeSet<>(
        client
            .sql(
                "select sequence from operations where plan_id = ? and target = ?"
                    + " and username = any(?::text[])")
            .param(plan.value())
            .param(target.value())
            .param(usernames.toArray(String[]::new))
            .query(Integer.class)
            .list());
  }

  @Override
  public Optional<StoredPlan> find(PlanId id) {
    return client
        .sql("select id, created_at, actor, trigger from plans where id = ?")
        .param(id.value())
        .query(this::mapPlan)
        .optional();
  }

  @Override
  public List<StoredOperation> operations(PlanId id) {
    return client
        .sql(OPERATION + " where plan_id = ? order by sequence")
        .param(id.value())
        .query(this::mapOperation)
        .list();
  }

  @Override
  public List<StoredOperation> queuedFor(TargetId target, Collection<String> usernames) {
    if (usernames.isEmpty()) {
      return List.of();
    }
    // the predicate of the partial index operations_open_by_account (target, username, id)
    return client
        .sql(
            OPERATION
                + " where target = ? and username = any(?::text[])"
                + " and state not in ('SUCCEEDED', 'DISCARDED', 'SKIPPED') order by id")
        .param(target.value())
        .param(usernames.toArray(String[]::new))
        .query(this::mapOperation)
        .list();
  }

  @Override
  public List<StoredOperation> operationsById(Collection<OperationId> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return client
        .sql(OPERATION + " where id = any(?::bigint[]) order by id")
        .param(ids.stream().map(OperationId::value).toArray(Long[]::new))
        .query(this::mapOperation)
        .list();
  }

  @Override
  public Set<OperationId> openOperations() {
    return new HashSet<>(
        client
            .sql(
                "select id from operations where state not in ('SUCCEEDED', 'DISCARDED', 'SKIPPED')")
            .query((row, number) -> new OperationId(row.getLong(1)))
            .list());
  }

  @Override
  public Set<OperationId> openOperationsOf(Collection<IdentityId> owners) {
    Set<OperationId> open = new HashSet<>();
    List<String> all = owners.stream().map(IdentityId::value).toList();
    for (int from = 0; from < all.size(); from += OWNERS_PER_QUERY) {
      // the predicate of the partial index operations_open_by_owner
      open.addAll(
          client
              .sql(
                  "select id from operations where owner = any(?::text[])"
                      + " and state not in ('SUCCEEDED', 'DISCARDED', 'SKIPPED')")
              .param(
                  all.subList(from, Math.min(all.size(), from + OWNERS_PER_QUERY))
                      .toArray(String[]::new))
              .query((row, number) -> new OperationId(row.getLong(1)))
              .list());
    }
    return open;
  }

  @Override
  public Set<String> deprovisionedSince(TargetId target, Instant since) {
    return new TreeSet<>(
        client
            .sql(
                "select distinct o.username from plans p join operations o on o.plan_id = p.id"
                    + " where p.created_at >= ? and o.target = ?"
                    + " and o.kind in ('DISABLE_ACCOUNT', 'DELETE_ACCOUNT')"
                    + " and o.state <> 'DISCARDED'"
                    + " and not exists (select 1 from plan_holds h where h.plan_id = p.id"
                    + " and h.status = 'RESUMED')")
            .param(Timestamps.bind(since))
            .param(target.value())
            .query(String.class)
            .list());
  }

  @Override
  public List<StoredPlan> recent(int limit) {
    return client
        .sql(
            "select id, created_at, actor, trigger from plans order by created_at desc, id limit ?")
        .param(limit)
        .query(this::mapPlan)
        .list();
  }

  @Override
  public void recordAttempt(OperationId id, OperationAttempt attempt) {
    ErrorKind errorKind = attempt.errorKind();
    client
        .sql(
            "insert into operation_attempts (operation_id, started_at, finished_at, outcome,"
                + " error_kind, message) values (?, ?, ?, ?, ?, ?)")
        .param(id.value())
        .param(Timestamps.bind(attempt.started()))
        .param(Timestamps.bind(attempt.finished()))
        .param(attempt.outcome().name())
        .param(errorKind == null ? null : errorKind.name())
        .param(attempt.message())
        .update();
    boolean failure = errorKind != null;
    int updated =
        client
            .sql(
                "update operations set state = ?, attempts = attempts + 1,"
                    + " last_error = case when ? then ? else last_error end, updated_at = ?"
                    + " where id = ?")
            .param(attempt.outcome().name())
            .param(failure)
            .param(failure ? attempt.message() : null)
            .param(Timestamps.bind(attempt.finished()))
            .param(id.value())
            .update();
    if (updated != 1) {
      throw new IllegalArgumentException("no stored operation with id " + id);
    }
  }

  private StoredPlan mapPlan(ResultSet row, int number) throws SQLException {
    PlanId id = new PlanId(row.getString("id"));
    List<Operation> operations =
        client
            .sql("select payload::text from operations where plan_id = ? order by sequence")
            .param(id.value())
            .query((payload, index) -> codec.read(payload.getString(1)))
            .list();
    return new StoredPlan(
        id,
        Timestamps.readRequired(row, "created_at"),
        row.getString("actor"),
        row.getString("trigger"),
        new Plan(operations));
  }

  private StoredOperation mapOperation(ResultSet row, int number) throws SQLException {
    return new StoredOperation(
        new OperationId(row.getLong("id")),
        new PlanId(row.getString("plan_id")),
        row.getInt("sequence"),
        codec.read(row.getString("payload")),
        OperationState.valueOf(row.getString("state")),
        row.getInt("attempts"),
        row.getString("last_error"));
  }
}
