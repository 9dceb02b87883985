package io.tenure.store;

import io.tenure.engine.ingest.SourceCheckpoints;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link SourceCheckpoints} in the table {@code source_checkpoints} (migration V50). */
public final class JdbcSourceCheckpoints implements SourceCheckpoints {

  private final JdbcClient client;
  private final Clock clock;

  public JdbcSourceCheckpoints(DataSource dataSource, Clock clock) {
    this.client = JdbcClient.create(dataSource);
    this.clock = clock;
  }

  @Override
  public Optional<String> last(String source) {
    return client
        .sql("select checkpoint from source_checkpoints where source = ?")
        .param(source)
        .query(String.class)
        .optional();
  }

  @Override
  public void save(String source, String checkpoint) {
    client
        .sql(
            "insert into source_checkpoints (source, checkpoint, updated_at) values (?, ?, ?)"
                + " on conflict (source) do update set checkpoint = excluded.checkpoint,"
                + " updated_at = excluded.updated_at")
        .param(source)
        .param(checkpoint)
        .param(Timestamps.bind(clock.instant()))
        .update();
  }
}
