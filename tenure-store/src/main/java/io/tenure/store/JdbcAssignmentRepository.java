package io.tenure.store;

import io.tenure.core.identity.IdentityId;
import io.tenure.core.policy.RoleName;
import io.tenure.engine.assignment.Assignment;
import io.tenure.engine.assignment.AssignmentId;
import io.tenure.engine.assignment.AssignmentOrigin;
import io.tenure.engine.assignment.AssignmentRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Assignments in the {@code assignments} table; ended ones are kept. */
public final class JdbcAssignmentRepository implements AssignmentRepository {

  private static final String COLUMNS =
      "id, identity_id, role, origin_kind, origin_reference, valid_from, valid_until, granted_by,"
          + " granted_at, ended_at, ended_by, end_reason";
  private static final String ACTIVE =
      " ended_at is null and valid_from <= ? and (valid_until is null or valid_until > ?)";

  private final JdbcClient client;

  public JdbcAssignmentRepository(DataSource dataSource) {
    this.client = JdbcClient.create(dataSource);
  }

  @Override
  public void insert(Assignment assignment) {
    try {
      client
          .sql(
              "insert into assignments ("
                  + COLUMNS
                  + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .param(assignment.id().value())
          .param(assignment.identity().value())
          .param(assignment.role().value())
          .param(assignment.origin().kind().name())
          .param(assignment.origin().reference())
          .param(Timestamps.bind(assignment.validFrom()))
          .param(Timestamps.bind(assignment.validUntil()))
          .param(assignment.grantedBy())
          .param(Timestamps.bind(assignment.grantedAt()))
          .param(Timestamps.bind(assignment.endedAt()))
          .param(assignment.endedBy())
          .param(assignment.endReason())
          .update();
    } catch (DuplicateKeyException e) {
      throw new IllegalStateException("there is already an assignment " + assignment.id(), e);
    }
  }

  @Override
  public Optional<Assignment> find(AssignmentId id) {
    return client
        .sql("select " + COLUMNS + " from assignments where id = ?")
        .param(id.value())
        .query((row, number) -> map(row))
        .optional();
  }

  @Override
  public List<Assignment> activeFor(Collection<IdentityId> identities, Instant at) {
    if (identities.isEmpty()) {
      return List.of();
    }
    return client
        .sql(
            "select "
                + COLUMNS
                + " from assignments where identity_id = any(?) and"
                + ACTIVE
                + " order by identity_id, role, id")
        .param(identities.stream().map(IdentityId::value).distinct().toArray(String[]::new))
        .param(Timestamps.bind(at))
        .param(Timestamps.bind(at))
        .query((row, number) -> map(row))
        .list();
  }

  @Override
  public List<Assignment> active(Instant at) {
    return client
        .sql(
            "select "
                + COLUMNS
                + " from assignments where"
                + ACTIVE
                + " order by identity_id, role, id")
        .param(Timestamps.bind(at))
        .param(Timestamps.bind(at))
        .query((row, number) -> map(row))
        .list();
  }

  @Override
  public List<Assignment> of(IdentityId identity) {
    return client
        .sql(
            "select " + COLUMNS + " from assignments where identity_id = ? order by granted_at, id")
        .param(identity.value())
        .query((row, number) -> map(row))
        .list();
  }

  @Override
  public List<Assignment> withOrigin(AssignmentOrigin origin) {
    return client
        .sql(
            "select "
                + COLUMNS
                + " from assignments where origin_kind = ? and origin_reference = ?"
                + " order by granted_at, id")
        .param(origin.kind().name())
        .param(origin.reference())
        .query((row, number) -> map(row))
        .list();
  }

  @Override
  public List<Assignment> lapsedBy(Instant at) {
    return client
        .sql(
            "select "
                + COLUMNS
                + " from assignments where ended_at is null and valid_until is not null"
                + " and valid_until <= ? order by valid_until, id")
        .param(Timestamps.bind(at))
        .query((row, number) -> map(row))
        .list();
  }

  @Override
  public boolean end(AssignmentId id, Instant at, String by, String reason) {
    return client
            .sql(
                "update assignments set ended_at = ?, ended_by = ?, end_reason = ?"
                    + " where id = ? and ended_at is null")
            .param(Timestamps.bind(at))
            .param(by)
            .param(reason)
            .param(id.value())
            .update()
        == 1;
  }

  private static Assignment map(ResultSet row) throws SQLException {
    return new Assignment(
        new AssignmentId(row.getString("id")),
        new IdentityId(row.getString("identity_id")),
        RoleName.of(row.getString("role")),
        new AssignmentOrigin(
            AssignmentOrigin.Kind.parse(row.getString("origin_kind")),
            row.getString("origin_reference")),
        Timestamps.readRequired(row, "valid_from"),
        Timestamps.read(row, "valid_until"),
        row.getString("granted_by"),
        Timestamps.readRequired(row, "granted_at"),
        Timestamps.read(row, "ended_at"),
        row.getString("ended_by"),
        row.getString("end_reason"));
  }
}
