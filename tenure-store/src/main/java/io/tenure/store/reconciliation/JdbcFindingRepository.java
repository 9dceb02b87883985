package io.tenure.store.reconciliation;

import io.tenure.core.account.TargetId;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.engine.reconciliation.Finding;
import io.tenure.engine.reconciliation.FindingAction;
import io.tenure.engine.reconciliation.FindingQuery;
import io.tenure.engine.reconciliation.FindingRepository;
import io.tenure.engine.reconciliation.Situation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Findings in the {@code reconciliation_findings} table. {@link #stream} reads with a cursor when
 * called inside a transaction (PostgreSQL only honours the fetch size then).
 */
public final class JdbcFindingRepository implements FindingRepository {

  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final String COLUMNS =
      "target, username, situation, owner, owner_state, account_enabled,"
          + " differences::text as differences, detail, action, found_at";

  private final JdbcClient client;
  private final JdbcTemplate template;
  private final JsonMapper json = JsonMapper.builder().build();

  public JdbcFindingRepository(JdbcTemplate template) {
    this.template = template;
    this.client = JdbcClient.create(template);
  }

  @Override
  public void clear(TargetId target) {
    client
        .sql("delete from reconciliation_findings where target = ?")
        .param(target.value())
        .update();
  }

  @Override
  public void forget(TargetId target, Collection<String> usernames) {
    if (usernames.isEmpty()) {
      return;
    }
    client
        .sql("delete from reconciliation_findings where target = ? and username = any (?)")
        .params(target.value(), usernames.toArray(String[]::new))
        .update();
  }

  @Override
  public void saveAll(Collection<Finding> findings) {
    List<Object[]> rows = new ArrayList<>(findings.size());
    for (Finding finding : findings) {
      rows.add(
          new Object[] {
            finding.target().value(),
            finding.username(),
            finding.situation().name(),
            finding.owner() == null ? null : finding.owner().value(),
            finding.ownerState() == null ? null : finding.ownerState().name(),
            finding.accountEnabled(),
            json.writeValueAsString(finding.differences()),
            finding.detail(),
            finding.action().name(),
            OffsetDateTime.ofInstant(finding.foundAt(), ZoneOffset.UTC)
          });
    }
    template.batchUpdate(
        "insert into reconciliation_findings (target, username, situation, owner, owner_state,"
            + " account_enabled, differences, detail, action, found_at)"
            + " values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)"
            + " on conflict (target, username) do update set situation = excluded.situation,"
            + " owner = excluded.owner, owner_state = excluded.owner_state,"
            + " account_enabled = excluded.account_enabled, differences = excluded.differences,"
            + " detail = excluded.detail, action = excluded.action, found_at = excluded.found_at",
        rows);
  }

  @Override
  public void updateActions(TargetId target, Map<String, FindingAction> actionsByUsername) {
    List<Object[]> rows = new ArrayList<>(actionsByUsername.size());
    actionsByUsername.forEach(
        (username, action) -> rows.add(new Object[] {action.name(), target.value(), username}));
    template.batchUpdate(
        "update reconciliation_findings set action = ? where target = ? and username = ?", rows);
  }

  @Override
  public Stream<Finding> stream(FindingQuery query) {
    Where where = where(query);
    JdbcClient.StatementSpec statement =
        client.sql(
            "select "
                + COLUMNS
                + " from reconciliation_findings"
                + where.sql()
                + " order by target, username");
    for (Object parameter : where.parameters()) {
      statement = statement.param(parameter);
    }
    return statement.query(this::map).stream();
  }

  @Override
  public long count(FindingQuery query) {
    Where where = where(query);
    JdbcClient.StatementSpec statement =
        client.sql("select count(*) from reconciliation_findings" + where.sql());
    for (Object parameter : where.parameters()) {
      statement = statement.param(parameter);
    }
    return statement.query(Long.class).single();
  }

  private record Where(String sql, List<Object> parameters) {}

  private static Where where(FindingQuery query) {
    List<String> conditions = new ArrayList<>();
    List<Object> parameters = new ArrayList<>();
    if (query.target() != null) {
      conditions.add("target = ?");
      parameters.add(query.target().value());
    }
    if (query.situation() != null) {
      conditions.add("situation = ?");
      parameters.add(query.situation().name());
    }
    if (query.terminatedWithEnabledAccounts()) {
      conditions.add(
          "owner_state = 'TERMINATED' and account_enabled and situation <> 'MISSING'"
              + " and action <> 'FIXED'");
    }
    return new Where(
        conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), parameters);
  }

  private Finding map(ResultSet row, int number) throws SQLException {
    String owner = row.getString("owner");
    String ownerState = row.getString("owner_state");
    return new Finding(
        new TargetId(row.getString("target")),
        row.getString("username"),
        Situation.valueOf(row.getString("situation")),
        owner == null ? null : new IdentityId(owner),
        ownerState == null ? null : LifecycleState.valueOf(ownerState),
        row.getBoolean("account_enabled"),
        readStrings(row.getString("differences")),
        row.getString("detail"),
        FindingAction.valueOf(row.getString("action")),
        row.getObject("found_at", OffsetDateTime.class).toInstant());
  }

  private List<String> readStrings(@Nullable String text) {
    return text == null || text.isBlank() ? List.of() : json.readValue(text, STRINGS);
  }
}
