package io.tenure.store;

import io.tenure.core.account.TargetId;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.engine.identity.IdentityRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Identities in the {@code identities} and {@code identity_usernames} tables. */
final class JdbcIdentityRepository implements IdentityRepository {

  private static final String SELECT = IdentityRows.SELECT;

  private final JdbcClient client;
  private final JdbcTemplate template;
  private final Json json;
  private final Clock clock;
  private final IdentityRows rows;

  JdbcIdentityRepository(JdbcClient client, JdbcTemplate template, Json json, Clock clock) {
    this.client = client;
    this.template = template;
    this.json = json;
    this.clock = clock;
    this.rows = new IdentityRows(json);
  }

  @Override
  public Optional<Identity> find(IdentityId id) {
    return client.sql(SELECT + " where i.id = ?").param(id.value()).query(this::map).optional();
  }

  @Override
  public List<IdentityId> findByAttribute(String attribute, String value) {
    return client
        .sql("select id from identities where attributes @> ?::jsonb order by id")
        .param(json.write(Map.of(attribute, value)))
        .query((row, number) -> new IdentityId(row.getString(1)))
        .list();
  }

  @Override
  public void save(Identity identity) {
    client
        .sql(
            "insert into identities (id, state, attributes, employment_status, start_date,"
                + " end_date, updated_at, source_attributes) values (?, ?, ?::jsonb, ?, ?, ?, ?,"
                + " ?::jsonb) on conflict (id) do update set state = excluded.state,"
                + " attributes = excluded.attributes,"
                + " source_attributes = excluded.source_attributes,"
                + " employment_status = excluded.employment_status,"
                + " start_date = excluded.start_date, end_date = excluded.end_date,"
                + " updated_at = excluded.updated_at")
        .param(identity.id().value())
        .param(identity.state().name())
        .param(json.write(identity.attributes()))
        .param(identity.employment().status().name())
        .param(identity.employment().startDate())
        .param(identity.employment().endDate())
        .param(Timestamps.bind(clock.instant()))
        .param(json.write(identity.sourceAttributes()))
        .update();
    client
        .sql("delete from identity_usernames where identity_id = ?")
        .param(identity.id().value())
        .update();
    if (!identity.usernames().isEmpty()) {
      List<Object[]> rows = new ArrayList<>();
      identity
          .usernames()
          .forEach(
              (target, username) ->
                  rows.add(new Object[] {identity.id().value(), target, username}));
      template.batchUpdate(
          "insert into identity_usernames (identity_id, target, username) values (?, ?, ?)", rows);
    }
  }

  @Override
  public Stream<Identity> stream() {
    return client.sql(SELECT + " order by i.id").query(this::map).stream();
  }

  @Override
  public boolean isUsernameTaken(TargetId target, String username) {
    return client
        .sql("select exists (select 1 from identity_usernames where target = ? and username = ?)")
        .param(target.value())
        .param(username)
        .query(Boolean.class)
        .single();
  }

  @Override
  public long count() {
    return client.sql("select count(*) from identities").query(Long.class).single();
  }

  private Identity map(ResultSet row, int number) throws SQLException {
    return rows.read(row, number);
  }
}
