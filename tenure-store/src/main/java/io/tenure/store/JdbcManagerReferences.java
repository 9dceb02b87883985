package io.tenure.store;

import io.tenure.core.identity.IdentityId;
import io.tenure.engine.ingest.ManagerReferences;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link ManagerReferences} over the identities (one statement finds every unknown manager among a
 * batch of people, on the index of the key attribute: {@link IdentityKeys}) and the table {@code
 * identity_warnings} (V31).
 */
public final class JdbcManagerReferences implements ManagerReferences {

  private static final int CHUNK = 5000;

  private final JdbcClient client;
  private final JdbcTemplate template;
  private final Clock clock;

  public JdbcManagerReferences(DataSource dataSource, Clock clock) {
    this.template = new JdbcTemplate(dataSource);
    this.client = JdbcClient.create(template);
    this.clock = clock;
  }

  @Override
  public List<UnknownManager> unknownManagers(
      String source, String managerAttribute, String keyAttribute, Collection<IdentityId> among) {
    List<String> ids = among.stream().map(IdentityId::value).distinct().sorted().toList();
    List<UnknownManager> unknown = new ArrayList<>();
    String manager = IdentityKeys.attributeOf("i", managerAttribute);
    for (int from = 0; from < ids.size(); from += CHUNK) {
      String[] chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK)).toArray(String[]::new);
      unknown.addAll(
          client
              .sql(
                  "select i.id, "
                      + manager
                      + " as manager, coalesce(r.location, '') as location"
                      + " from identities i left join identity_source_records r"
                      + " on r.identity_id = i.id and r.source = ?"
                      + " where i.id = any(?) and coalesce("
                      + manager
                      + ", '') <> ''"
                      + " and not exists (select 1 from identities m where "
                      + IdentityKeys.equalTo("m", keyAttribute, manager)
                      + ") order by i.id")
              .param(source)
              .param(chunk)
              .query(
                  (row, number) ->
                      new UnknownManager(
                          new IdentityId(row.getString("id")),
                          row.getString("manager"),
                          row.getString("location")))
              .list());
    }
    return unknown;
  }

  @Override
  public void replaceWarnings(
      String source, Collection<IdentityId> among, Map<IdentityId, List<String>> warnings) {
    List<String> ids = among.stream().map(IdentityId::value).distinct().sorted().toList();
    for (int from = 0; from < ids.size(); from += CHUNK) {
      client
          .sql("delete from identity_warnings where source = ? and identity_id = any(?)")
          .param(source)
          .param(ids.subList(from, Math.min(ids.size(), from + CHUNK)).toArray(String[]::new))
          .update();
    }
    List<Object[]> rows = new ArrayList<>();
    new TreeMap<>(warnings)
        .forEach(
            (identity, texts) -> {
              for (int position = 0; position < texts.size(); position++) {
                rows.add(
                    new Object[] {
                      identity.value(),
                      source,
                      position,
                      texts.get(position),
                      Timestamps.bind(clock.instant())
                    });
              }
            });
    if (!rows.isEmpty()) {
      template.batchUpdate(
          "insert into identity_warnings (identity_id, source, position, warning, recorded_at)"
              + " values (?, ?, ?, ?, ?) on conflict (identity_id, source, position) do update"
              + " set warning = excluded.warning, recorded_at = excluded.recorded_at",
          rows);
    }
  }

  @Override
  public List<String> warningsOf(IdentityId identity) {
    return client
        .sql(
            "select warning from identity_warnings where identity_id = ?"
                + " order by recorded_at, source, position")
        .param(identity.value())
        .query(String.class)
        .list();
  }
}
