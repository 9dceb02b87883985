package io.tenure.store;

import io.tenure.core.identity.IdentityId;
import io.tenure.governance.certification.RecordedException;
import io.tenure.governance.certification.RecordedExceptions;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The recorded exceptions in {@code recorded_exceptions}. */
public final class JdbcRecordedExceptions implements RecordedExceptions {

  private final JdbcClient client;

  public JdbcRecordedExceptions(DataSource dataSource) {
    this.client = JdbcClient.create(dataSource);
  }

  @Override
  public void record(RecordedException exception) {
    client
        .sql(
            "insert into recorded_exceptions (id, kind, identity_id, role, rule, reason, decided_by,"
                + " decided_at, campaign, until) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .param(exception.id())
        .param(exception.kind().name())
        .param(exception.identity().value())
        .param(exception.role())
        .param(exception.rule())
        .param(exception.reason())
        .param(exception.decidedBy())
        .param(Timestamps.bind(exception.decidedAt()))
        .param(exception.campaign())
        .param(exception.until() == null ? null : Date.valueOf(exception.until()))
        .update();
  }

  @Override
  public List<RecordedException> all() {
    return client
        .sql("select * from recorded_exceptions order by decided_at, id")
        .query((row, number) -> map(row))
        .list();
  }

  @Override
  public Map<IdentityId, Set<String>> revokedRoles(
      Collection<IdentityId> identities, LocalDate day) {
    if (identities.isEmpty()) {
      return Map.of();
    }
    Map<IdentityId, Set<String>> revoked = new HashMap<>();
    client
        .sql(
            "select identity_id, role from recorded_exceptions where kind = 'REVOKED_BIRTHRIGHT'"
                + " and identity_id = any(?) and (until is null or until >= ?)")
        .param(identities.stream().map(IdentityId::value).distinct().toArray(String[]::new))
        .param(Date.valueOf(day))
        .query(
            row -> {
              revoked
                  .computeIfAbsent(
                      new IdentityId(row.getString("identity_id")), key -> new TreeSet<>())
                  .add(row.getString("role"));
            });
    return revoked;
  }

  private static RecordedException map(ResultSet row) throws SQLException {
    Date until = row.getDate("until");
    return new RecordedException(
        row.getString("id"),
        RecordedException.Kind.valueOf(row.getString("kind")),
        new IdentityId(row.getString("identity_id")),
        row.getString("role"),
        row.getString("rule"),
        row.getString("reason"),
        row.getString("decided_by"),
        Timestamps.readRequired(row, "decided_at"),
        row.getString("campaign"),
        until == null ? null : until.toLocalDate());
  }
}
