package io.tenure.source.jdbc;

import io.tenure.core.source.RecordLocation;
import io.tenure.core.source.RecordProblem;
import io.tenure.engine.configuration.JdbcSourceSettings;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.ingest.RecordMapping;
import io.tenure.engine.ingest.SourceFileException;
import io.tenure.engine.ingest.SourceRead;
import io.tenure.engine.ingest.SourceReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Reads a {@code jdbc} source: {@code select * from TABLE}, streamed ({@value #FETCH_SIZE} rows per
 * round trip, in a read-only transaction that is rolled back at the end), each row mapped by {@link
 * RecordMapping} and located {@code table:key}.
 *
 * <p>With a watermark column, the rows are read in its order and the read's checkpoint is the
 * highest value seen; the next read asks only for the rows whose value is at least that one (the
 * rows at the boundary are read again: they change nothing, and a row written later with the same
 * value is not missed). A rejected row moves the checkpoint past it like any other: it is read
 * again when it changes. A read that fails in the middle ends with a rejected row saying so, and
 * gives no checkpoint, so the next read starts from the previous one again. A checkpoint that does
 * not fit the column (its type changed) is ignored: the read is a whole one.
 */
final class JdbcSourceReader implements SourceReader {

  /** Rows fetched per round trip. */
  static final int FETCH_SIZE = 500;

  @Override
  public SourceRead open(SourceDefinition source, Optional<String> checkpoint) {
    if (!(source.connection() instanceof JdbcSourceSettings settings)) {
      throw new IllegalArgumentException("source '" + source.name() + "' is not a jdbc source");
    }
    RecordLocation origin = RecordLocation.named("", settings.describe());
    Connection connection = connect(settings, origin);
    try {
      connection.setReadOnly(true);
      connection.setAutoCommit(false);
      Optional<Watermark.Kind> watermarkKind = watermarkKind(connection, settings, origin);
      Optional<Watermark> since =
          watermarkKind.flatMap(kind -> checkpoint.flatMap(text -> Watermark.decode(text, kind)));
      String sql = "select * from " + settings.table();
      if (since.isPresent()) {
        sql += " where " + settings.watermarkColumn() + " >= ?";
      }
      if (watermarkKind.isPresent()) {
        sql += " order by " + settings.watermarkColumn();
      }
      PreparedStatement statement =
          connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      statement.setFetchSize(FETCH_SIZE);
      if (since.isPresent()) {
        statement.setObject(1, since.get().value());
      }
      ResultSet rows = statement.executeQuery();
      Set<String> columns = columns(rows.getMetaData());
      RecordMapping mapping = RecordMapping.of(source, Optional.of(columns));
      TableRows table =
          new TableRows(
              connection,
              statement,
              rows,
              mapping,
              settings,
              watermarkKind.orElse(null),
              since.orElse(null));
      return SourceRead.of(table.stream(), since.isPresent(), table::checkpoint);
    } catch (SQLException e) {
      TableRows.closeQuietly(connection);
      throw new SourceFileException(
          new RecordProblem(origin, null, "cannot be read: " + message(e)), e);
    } catch (RuntimeException e) {
      TableRows.closeQuietly(connection);
      throw e;
    }
  }

  private static Connection connect(JdbcSourceSettings settings, RecordLocation origin) {
    Properties properties = new Properties();
    if (settings.username() != null) {
      properties.setProperty("user", settings.username());
    }
    if (settings.password() != null) {
      properties.setProperty("password", settings.password());
    }
    try {
      return DriverManager.getConnection(settings.url(), properties);
    } catch (SQLException e) {
      throw new SourceFileException(
          new RecordProblem(
              origin,
              null,
              "cannot connect to " + withoutQuery(settings.url()) + ": " + message(e)),
          e);
    }
  }

  /** The kind of the watermark column, checked to exist, if the source has one. */
  private static Optional<Watermark.Kind> watermarkKind(
      Connection connection, JdbcSourceSettings settings, RecordLocation origin)
      throws SQLException {
    if (settings.watermarkColumn() == null) {
      return Optional.empty();
    }
    try (PreparedStatement probe =
            connection.prepareStatement(
                "select "
                    + settings.watermarkColumn()
                    + " from "
                    + settings.table()
                    + " where 1 = 0");
        ResultSet empty = probe.executeQuery()) {
      ResultSetMetaData metadata = empty.getMetaData();
      return Optional.of(
          Watermark.kindOf(metadata.getColumnType(1), metadata.getColumnTypeName(1)));
    } catch (SQLException e) {
      connection.rollback();
      throw new SourceFileException(
          new RecordProblem(
              origin,
              settings.watermarkColumn(),
              "the watermark column cannot be read: " + message(e)),
          e);
    }
  }

  private static Set<String> columns(ResultSetMetaData metadata) throws SQLException {
    Set<String> columns = new LinkedHashSet<>();
    for (int index = 1; index <= metadata.getColumnCount(); index++) {
      columns.add(metadata.getColumnLabel(index));
    }
    return columns;
  }

  /** A driver's message, first line only. */
  static String message(SQLException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** The URL without its query, which may carry a password. */
  private static String withoutQuery(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }
}
