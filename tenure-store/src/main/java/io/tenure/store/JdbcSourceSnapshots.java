package io.tenure.store;

import io.tenure.engine.ingest.SourceSnapshot;
import io.tenure.engine.ingest.SourceSnapshots;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link SourceSnapshots} in the table {@code source_snapshots} (migration V30). */
public final class JdbcSourceSnapshots implements SourceSnapshots {

  private final JdbcClient client;

  public JdbcSourceSnapshots(DataSource dataSource) {
    this.client = JdbcClient.create(dataSource);
  }

  @Override
  public Optional<SourceSnapshot> last(String source) {
    return client
        .sql(
            "select source, file, content_hash, records, modified_at, imported_at"
                + " from source_snapshots where source = ?")
        .param(source)
        .query(
            (row, number) ->
                new SourceSnapshot(
                    row.getString("source"),
                    row.getString("file"),
                    row.getString("content_hash"),
                    row.getLong("records"),
                    Timestamps.readRequired(row, "modified_at"),
                    Timestamps.readRequired(row, "imported_at")))
        .optional();
  }

  @Override
  public void record(SourceSnapshot snapshot) {
    client
        .sql(
            "insert into source_snapshots (source, file, content_hash, records, modified_at,"
                + " imported_at) values (?, ?, ?, ?, ?, ?) on conflict (source) do update set"
                + " file = excluded.file, content_hash = excluded.content_hash,"
                + " records = excluded.records, modified_at = excluded.modified_at,"
                + " imported_at = excluded.imported_at")
        .param(snapshot.source())
        .param(snapshot.file())
        .param(snapshot.contentHash())
        .param(snapshot.records())
        .param(Timestamps.bind(snapshot.modifiedAt()))
        .param(Timestamps.bind(snapshot.importedAt()))
        .update();
  }
}
