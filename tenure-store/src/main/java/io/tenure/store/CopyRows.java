package io.tenure.store;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * Rows sent to PostgreSQL with {@code COPY ... FROM STDIN} in its text format, on the connection of
 * the current transaction: one statement, one pass over the rows, no parameter arrays to build and
 * unnest. The rows are written in the order given, so a serial column numbers them in that order.
 * Each field is escaped as the text format requires (backslash, newline, carriage return, tab);
 * {@code null} is written as {@code \N}.
 */
final class CopyRows {

  /** Bytes gathered before they are handed to the server. */
  private static final int FLUSH_AT = 1 << 18;

  private final StringBuilder text = new StringBuilder(FLUSH_AT + 4096);
  private final CopyIn copy;
  private boolean rowStarted;
  private long rows;

  private CopyRows(CopyIn copy) {
    this.copy = copy;
  }

  /**
   * Runs {@code sql} (a {@code COPY table (columns) FROM STDIN}) with the rows {@code writer}
   * writes, on the current transaction's connection.
   *
   * @return the number of rows the server copied
   */
  static long copy(JdbcOperations jdbc, String sql, Consumer<CopyRows> writer) {
    Long copied =
        jdbc.execute(
            (ConnectionCallback<Long>)
                connection -> {
                  CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
                  try {
                    CopyRows rows = new CopyRows(copy);
                    try {
                      writer.accept(rows);
                    } catch (Failed failed) {
                      throw failed.sqlCause;
                    }
                    rows.flush();
                    return copy.endCopy();
                  } finally {
                    if (copy.isActive()) {
                      copy.cancelCopy();
                    }
                  }
                });
    return copied == null ? 0 : copied;
  }

  /** Adds a field to the current row (null: SQL null). */
  CopyRows field(@Nullable String value) {
    if (rowStarted) {
      text.append('\t');
    }
    rowStarted = true;
    if (value == null) {
      text.append("\\N");
      return this;
    }
    escape(value, text);
    return this;
  }

  /** Adds a number to the current row. */
  CopyRows field(long value) {
    if (rowStarted) {
      text.append('\t');
    }
    rowStarted = true;
    text.append(value);
    return this;
  }

  /** Ends the current row. */
  void endRow() {
    text.append('\n');
    rowStarted = false;
    rows++;
    if (text.length() >= FLUSH_AT) {
      try {
        flush();
      } catch (SQLException e) {
        throw new Failed(e);
      }
    }
  }

  /** How many rows were ended. */
  long rows() {
    return rows;
  }

  private void flush() throws SQLException {
    if (text.length() == 0) {
      return;
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    copy.writeToCopy(bytes, 0, bytes.length);
    text.setLength(0);
  }

  /** A failure to send rows, carried out of the writer to {@link #copy}, which throws its cause. */
  private static final class Failed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient SQLException sqlCause;

    Failed(SQLException cause) {
      super(cause);
      this.sqlCause = cause;
    }
  }

  /** Appends the value in COPY's text format. */
  static void escape(String value, StringBuilder into) {
    for (int at = 0; at < value.length(); at++) {
      char each = value.charAt(at);
      switch (each) {
        case '\\' -> into.append("\\\\");
        case '\n' -> into.append("\\n");
        case '\r' -> into.append("\\r");
        case '\t' -> into.append("\\t");
        default -> into.append(each);
      }
    }
  }
}
