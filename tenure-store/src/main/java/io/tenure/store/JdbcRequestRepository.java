package io.tenure.store;

import io.tenure.core.identity.IdentityId;
import io.tenure.core.policy.RoleName;
import io.tenure.engine.assignment.AssignmentId;
import io.tenure.governance.request.AccessRequest;
import io.tenure.governance.request.RequestEvent;
import io.tenure.governance.request.RequestId;
import io.tenure.governance.request.RequestRepository;
import io.tenure.governance.request.RequestState;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Requests in {@code access_requests}, their histories in {@code access_request_events}. */
public final class JdbcRequestRepository implements RequestRepository {

  private static final String COLUMNS =
      "id, beneficiary, beneficiary_employee_id, role, requester, requester_employee_id,"
          + " justification, valid_until, state, chain, step, approvers, step_deadline, escalated,"
          + " sod_rule, assignment_id, beneficiary_manager, created_at, updated_at, outcome";

  private final JdbcClient client;

  public JdbcRequestRepository(DataSource dataSource) {
    this.client = JdbcClient.create(dataSource);
  }

  @Override
  public RequestId nextId() {
    long number = client.sql("select nextval('access_request_numbers')").query(Long.class).single();
    return RequestId.of(number);
  }

  @Override
  public void insert(AccessRequest request) {
    client
        .sql(
            "insert into access_requests (number, "
                + COLUMNS
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .param(number(request.id()))
        .param(request.id().value())
        .param(request.beneficiary().value())
        .param(request.beneficiaryEmployeeId())
        .param(request.role().value())
        .param(request.requester())
        .param(request.requesterEmployeeId())
        .param(request.justification())
        .param(Timestamps.bind(request.until()))
        .param(request.state().name())
        .param(request.chain().toArray(String[]::new))
        .param(request.step())
        .param(request.approvers().toArray(String[]::new))
        .param(Timestamps.bind(request.stepDeadline()))
        .param(request.escalated())
        .param(request.sodRule())
        .param(request.assignment() == null ? null : request.assignment().value())
        .param(request.beneficiaryManager())
        .param(Timestamps.bind(request.createdAt()))
        .param(Timestamps.bind(request.updatedAt()))
        .param(request.outcome())
        .update();
  }

  @Override
  public void update(AccessRequest request) {
    int updated =
        client
            .sql(
                "update access_requests set state = ?, step = ?, approvers = ?, step_deadline = ?,"
                    + " escalated = ?, assignment_id = ?, beneficiary_manager = ?, updated_at = ?,"
                    + " outcome = ? where id = ?")
            .param(request.state().name())
            .param(request.step())
            .param(request.approvers().toArray(String[]::new))
            .param(Timestamps.bind(request.stepDeadline()))
            .param(request.escalated())
            .param(request.assignment() == null ? null : request.assignment().value())
            .param(request.beneficiaryManager())
            .param(Timestamps.bind(request.updatedAt()))
            .param(request.outcome())
            .param(request.id().value())
            .update();
    if (updated != 1) {
      throw new IllegalStateException("no stored request " + request.id());
    }
  }

  @Override
  public Optional<AccessRequest> find(RequestId id) {
    return client
        .sql("select " + COLUMNS + " from access_requests where id = ?")
        .param(id.value())
        .query((row, number) -> map(row))
        .optional();
  }

  @Override
  public List<AccessRequest> list(
      @Nullable RequestState state,
      @Nullable String approver,
      @Nullable String beneficiary,
      int limit) {
    StringBuilder sql = new StringBuilder("select " + COLUMNS + " from access_requests where true");
    List<Object> parameters = new ArrayList<>();
    if (state != null) {
      sql.append(" and state = ?");
      parameters.add(state.name());
    }
    if (approver != null) {
      sql.append(" and ? = any(approvers)");
      parameters.add(approver);
    }
    if (beneficiary != null) {
      sql.append(" and beneficiary_employee_id = ?");
      parameters.add(beneficiary);
    }
    sql.append(" order by number desc limit ?");
    parameters.add(limit);
    return client.sql(sql.toString()).params(parameters).query((row, n) -> map(row)).list();
  }

  @Override
  public List<AccessRequest> dueBy(Instant at) {
    return client
        .sql(
            "select "
                + COLUMNS
                + " from access_requests where step_deadline <= ? and (state = 'PENDING'"
                + " or (state in ('APPROVED', 'PROVISIONED') and cardinality(approvers) > 0))"
                + " order by step_deadline, number")
        .param(Timestamps.bind(at))
        .query((row, number) -> map(row))
        .list();
  }

  @Override
  public List<AccessRequest> granted() {
    return client
        .sql(
            "select r.* from access_requests r join assignments a"
                + " on a.id = r.assignment_id where a.ended_at is null order by r.number")
        .query((row, number) -> map(row))
        .list();
  }

  @Override
  public void appendEvent(RequestId id, RequestEvent event) {
    client
        .sql(
            "insert into access_request_events (request_id, at, actor, action, step, comment)"
                + " values (?, ?, ?, ?, ?, ?)")
        .param(id.value())
        .param(Timestamps.bind(event.at()))
        .param(event.actor())
        .param(event.action())
        .param(event.step())
        .param(event.comment())
        .update();
  }

  @Override
  public List<RequestEvent> events(RequestId id) {
    return client
        .sql(
            "select at, actor, action, step, comment from access_request_events"
                + " where request_id = ? order by position")
        .param(id.value())
        .query(
            (row, number) ->
                new RequestEvent(
                    Timestamps.readRequired(row, "at"),
                    row.getString("actor"),
                    row.getString("action"),
                    row.getString("step"),
                    row.getString("comment")))
        .list();
  }

  private static long number(RequestId id) {
    try {
      return Long.parseLong(id.value().substring(id.value().indexOf('-') + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a request id: " + id, e);
    }
  }

  private static AccessRequest map(ResultSet row) throws SQLException {
    String assignment = row.getString("assignment_id");
    return new AccessRequest(
        new RequestId(row.getString("id")),
        new IdentityId(row.getString("beneficiary")),
        row.getString("beneficiary_employee_id"),
        RoleName.of(row.getString("role")),
        row.getString("requester"),
        row.getString("requester_employee_id"),
        row.getString("justification"),
        Timestamps.read(row, "valid_until"),
        RequestState.valueOf(row.getString("state")),
        strings(row.getArray("chain")),
        row.getInt("step"),
        strings(row.getArray("approvers")),
        Timestamps.read(row, "step_deadline"),
        row.getBoolean("escalated"),
        row.getString("sod_rule"),
        assignment == null ? null : new AssignmentId(assignment),
        row.getString("beneficiary_manager"),
        Timestamps.readRequired(row, "created_at"),
        Timestamps.readRequired(row, "updated_at"),
        row.getString("outcome"));
  }

  private static List<String> strings(@Nullable Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    return List.of((String[]) array.getArray());
  }
}
