package io.tenure.store;

import io.tenure.core.identity.IdentityId;
import io.tenure.core.source.RecordLocation;
import io.tenure.engine.ingest.SourceRecordLocations;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link SourceRecordLocations} in the table {@code identity_source_records} (migration V50): one
 * upsert statement per call (the rows passed as arrays), which leaves a row untouched when its
 * location did not change.
 */
public final class JdbcSourceRecordLocations implements SourceRecordLocations {

  private final JdbcClient client;
  private final Clock clock;

  public JdbcSourceRecordLocations(DataSource dataSource, Clock clock) {
    this.client = JdbcClient.create(new JdbcTemplate(dataSource));
    this.clock = clock;
  }

  @Override
  public void remember(String source, Map<IdentityId, RecordLocation> locations) {
    if (locations.isEmpty()) {
      return;
    }
    OffsetDateTime now = Timestamps.bind(clock.instant());
    int size = locations.size();
    String[] identities = new String[size];
    String[] where = new String[size];
    int at = 0;
    // in identity order, so that concurrent writers lock these rows in one order
    for (Map.Entry<IdentityId, RecordLocation> entry : new TreeMap<>(locations).entrySet()) {
      identities[at] = entry.getKey().value();
      where[at] = entry.getValue().toString();
      at++;
    }
    client
        .sql(
            "insert into identity_source_records (identity_id, source, location, updated_at)"
                + " select r.identity_id, ?, r.location, ?"
                + " from unnest(?::text[], ?::text[]) with ordinality as r(identity_id, location,"
                + " position) order by r.position"
                + " on conflict (identity_id, source) do update"
                + " set location = excluded.location, updated_at = excluded.updated_at"
                + " where identity_source_records.location <> excluded.location")
        .param(source)
        .param(now)
        .param(identities)
        .param(where)
        .update();
  }

  @Override
  public Map<IdentityId, Map<String, String>> of(Collection<IdentityId> identities) {
    if (identities.isEmpty()) {
      return Map.of();
    }
    String[] ids = identities.stream().map(IdentityId::value).distinct().toArray(String[]::new);
    Map<IdentityId, Map<String, String>> found = new TreeMap<>();
    client
        .sql(
            "select identity_id, source, location from identity_source_records"
                + " where identity_id = any(?)")
        .param(ids)
        .query(
            row -> {
              found
                  .computeIfAbsent(
                      new IdentityId(row.getString("identity_id")), key -> new TreeMap<>())
                  .put(row.getString("source"), row.getString("location"));
            });
    return found;
  }

  @Override
  public long count(String source) {
    return client
        .sql("select count(*) from identity_source_records where source = ?")
        .param(source)
        .query(Long.class)
        .single();
  }
}
