package io.tenure.store;

import io.tenure.governance.streaming.StreamCursors;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit stream's cursors in {@code audit_stream_cursors}: {@link #lock} takes the sink's row
 * with {@code FOR UPDATE SKIP LOCKED}, so a second process finds it busy instead of waiting.
 */
public final class JdbcStreamCursors implements StreamCursors {

  private final JdbcClient client;

  public JdbcStreamCursors(DataSource dataSource) {
    this.client = JdbcClient.create(dataSource);
  }

  @Override
  public OptionalLong lock(String sink, long start) {
    client
        .sql(
            "insert into audit_stream_cursors (sink, sequence, updated_at) values (?, ?, now())"
                + " on conflict (sink) do nothing")
        .param(sink)
        .param(start)
        .update();
    return client
        .sql("select sequence from audit_stream_cursors where sink = ? for update skip locked")
        .param(sink)
        .query(Long.class)
        .optional()
        .map(OptionalLong::of)
        .orElse(OptionalLong.empty());
  }

  @Override
  public void advance(String sink, long sequence, Instant at) {
    client
        .sql(
            "update audit_stream_cursors set sequence = ?, updated_at = ?, failures = 0,"
                + " last_error = null where sink = ?")
        .param(sequence)
        .param(Timestamps.bind(at))
        .param(sink)
        .update();
  }

  @Override
  public void failed(String sink, String error, Instant at) {
    client
        .sql(
            "update audit_stream_cursors set failures = failures + 1, last_error = ?"
                + " where sink = ?")
        .param(error.length() > 1000 ? error.substring(0, 1000) : error)
        .param(sink)
        .update();
  }

  @Override
  public List<Cursor> cursors() {
    return client
        .sql(
            "select sink, sequence, updated_at, failures, last_error from audit_stream_cursors"
                + " order by sink")
        .query(
            (row, number) ->
                new Cursor(
                    row.getString("sink"),
                    row.getLong("sequence"),
                    Timestamps.readRequired(row, "updated_at"),
                    row.getInt("failures"),
                    row.getString("last_error")))
        .list();
  }
}
