package io.tenure.source.jdbc;

import io.tenure.core.source.RecordLocation;
import io.tenure.engine.configuration.JdbcSourceSettings;
import io.tenure.engine.ingest.RecordMapping;
import io.tenure.engine.ingest.SourceRow;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * The rows of one open query, as {@link SourceRow}s, and the highest watermark value among them.
 * Dates come as ISO dates ({@code 2026-03-31}) and timestamps as ISO date-times, whatever the
 * database's text form; every other value as the driver's text.
 */
final class TableRows extends Spliterators.AbstractSpliterator<SourceRow> {

  private final Connection connection;
  private final PreparedStatement statement;
  private final ResultSet rows;
  private final RecordMapping mapping;
  private final JdbcSourceSettings settings;
  private final Watermark.@Nullable Kind watermarkKind;
  private final @Nullable Watermark since;
  private final int watermarkIndex;
  private @Nullable Watermark highest;
  private long row;
  private boolean finished;
  private boolean failed;

  TableRows(
      Connection connection,
      PreparedStatement statement,
      ResultSet rows,
      RecordMapping mapping,
      JdbcSourceSettings settings,
      Watermark.@Nullable Kind watermarkKind,
      @Nullable Watermark since)
      throws SQLException {
    super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
    this.connection = connection;
    this.statement = statement;
    this.rows = rows;
    this.mapping = mapping;
    this.settings = settings;
    this.watermarkKind = watermarkKind;
    this.since = since;
    this.watermarkIndex =
        settings.watermarkColumn() == null ? 0 : rows.findColumn(settings.watermarkColumn());
  }

  Stream<SourceRow> stream() {
    return StreamSupport.stream(this, false).onClose(this::close);
  }

  /**
   * Where the next read continues from: the highest watermark value read (or the previous
   * checkpoint when nothing was read); empty without a watermark or after a failure.
   */
  Optional<String> checkpoint() {
    if (watermarkKind == null || failed || !finished) {
      return Optional.empty();
    }
    Watermark next = highest != null ? highest.max(since) : since;
    return next == null ? Optional.empty() : Optional.of(next.encode());
  }

  @Override
  public boolean tryAdvance(Consumer<? super SourceRow> action) {
    if (finished) {
      return false;
    }
    try {
      if (!rows.next()) {
        finished = true;
        return false;
      }
      row++;
      if (watermarkKind != null) {
        Watermark value = Watermark.read(rows, watermarkIndex, watermarkKind);
        if (value != null) {
          highest = value.max(highest);
        }
      }
      action.accept(mapping.mapKeyed(row, values(rows)));
      return true;
    } catch (SQLException e) {
      finished = true;
      failed = true;
      RecordLocation location = RecordLocation.named(settings.table(), "row " + (row + 1));
      action.accept(
          SourceRow.unreadableFrom(
              location,
              "the table cannot be read from here on: "
                  + JdbcSourceReader.message(e)
                  + "; the next import reads it again"));
      return true;
    }
  }

  private static Map<String, @Nullable String> values(ResultSet rows) throws SQLException {
    ResultSetMetaData metadata = rows.getMetaData();
    Map<String, @Nullable String> values = new HashMap<>();
    for (int index = 1; index <= metadata.getColumnCount(); index++) {
      values.put(metadata.getColumnLabel(index), text(rows, index, metadata.getColumnType(index)));
    }
    return values;
  }

  private static @Nullable String text(ResultSet rows, int index, int type) throws SQLException {
    if (type == Types.DATE) {
      Date date = rows.getDate(index);
      return date == null ? null : date.toLocalDate().toString();
    }
    if (type == Types.TIMESTAMP) {
      Timestamp timestamp = rows.getTimestamp(index);
      return timestamp == null ? null : timestamp.toLocalDateTime().toString();
    }
    return rows.getString(index);
  }

  private void close() {
    try {
      rows.close();
      statement.close();
      connection.rollback();
    } catch (SQLException e) {
      // a read-only transaction: nothing to keep
    } finally {
      closeQuietly(connection);
    }
  }

  static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // nothing to recover while giving a connection up
    }
  }
}
