package io.tenure.store.guard;

import io.tenure.engine.execution.OperationState;
import io.tenure.engine.execution.PlanId;
import io.tenure.engine.guard.HeldPlanRepository;
import io.tenure.engine.guard.HoldStatus;
import io.tenure.engine.guard.PlanHold;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The holds of the brake in {@code plan_holds} (migration V4); the held operations are rows of
 * {@code operations} in state {@code HELD}. Joins the caller's transaction.
 */
public final class JdbcHeldPlanRepository implements HeldPlanRepository {

  private static final String SELECT =
      "select h.plan_id, p.created_at, p.actor, p.trigger, h.held_at, h.reason,"
          + " h.held_operations, h.status, h.decided_by, h.decided_at, h.decision_reason"
          + " from plan_holds h join plans p on p.id = h.plan_id";

  private final JdbcClient client;

  public JdbcHeldPlanRepository(DataSource dataSource) {
    this.client = JdbcClient.create(dataSource);
  }

  @Override
  public void hold(PlanId plan, Collection<Integer> sequences, String reason, Instant at) {
    client
        .sql(
            "insert into plan_holds (plan_id, held_at, reason, held_operations, status)"
                + " values (?, ?, ?, ?, 'HELD')")
        .param(plan.value())
        .param(bind(at))
        .param(reason)
        .param(sequences.size())
        .update();
    client
        .sql(
            "update operations set state = ?, updated_at = ? where plan_id = ? and state = ?"
                + " and sequence = any (?)")
        .param(OperationState.HELD.name())
        .param(bind(at))
        .param(plan.value())
        .param(OperationState.PENDING.name())
        .param(sequences.toArray(Integer[]::new))
        .update();
  }

  @Override
  public Optional<PlanHold> find(PlanId plan) {
    return client
        .sql(SELECT + " where h.plan_id = ?")
        .param(plan.value())
        .query(JdbcHeldPlanRepository::map)
        .optional();
  }

  @Override
  public List<PlanHold> list(boolean onlyHeld, int limit) {
    return client
        .sql(
            SELECT
                + (onlyHeld ? " where h.status = 'HELD'" : "")
                + " order by h.held_at desc, h.plan_id limit ?")
        .param(limit)
        .query(JdbcHeldPlanRepository::map)
        .list();
  }

  @Override
  public int decide(PlanId plan, HoldStatus decision, String actor, String reason, Instant at) {
    if (decision == HoldStatus.HELD) {
      throw new IllegalArgumentException("a decision is RESUMED or REJECTED");
    }
    int updated =
        client
            .sql(
                "update plan_holds set status = ?, decided_by = ?, decided_at = ?,"
                    + " decision_reason = ? where plan_id = ? and status = 'HELD'")
            .param(decision.name())
            .param(actor)
            .param(bind(at))
            .param(reason.isBlank() ? null : reason)
            .param(plan.value())
            .update();
    if (updated != 1) {
      throw new IllegalStateException("plan " + plan + " is not held");
    }
    OperationState next =
        decision == HoldStatus.RESUMED ? OperationState.PENDING : OperationState.DISCARDED;
    return client
        .sql(
            "update operations set state = ?, next_attempt_at = null, claimed_by = null,"
                + " claimed_until = null, updated_at = ? where plan_id = ? and state = ?")
        .param(next.name())
        .param(bind(at))
        .param(plan.value())
        .param(OperationState.HELD.name())
        .update();
  }

  private static PlanHold map(ResultSet row, int number) throws SQLException {
    return new PlanHold(
        new PlanId(row.getString("plan_id")),
        required(row, "created_at"),
        row.getString("actor"),
        row.getString("trigger"),
        required(row, "held_at"),
        row.getString("reason"),
        row.getInt("held_operations"),
        HoldStatus.valueOf(row.getString("status")),
        row.getString("decided_by"),
        read(row, "decided_at"),
        row.getString("decision_reason"));
  }

  private static OffsetDateTime bind(Instant instant) {
    return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
  }

  private static @Nullable Instant read(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static Instant required(ResultSet row, String column) throws SQLException {
    Instant value = read(row, column);
    if (value == null) {
      throw new IllegalStateException("column " + column + " is null");
    }
    return value;
  }
}
