package io.tenure.connector.jdbc;

import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.spi.RemoteAccount;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * Streams accounts from a query with a forward-only, read-only cursor and a fetch size, so that
 * memory does not grow with the number of accounts. The connection is held until the stream is
 * closed or read to its end; the read runs in a transaction (PostgreSQL fetches by cursor only
 * then) that is rolled back when the stream is closed.
 */
final class AccountStream extends Spliterators.AbstractSpliterator<RemoteAccount> {

  private final Database database;
  private final AccountRows rows;
  private @Nullable Connection connection;
  private @Nullable PreparedStatement statement;
  private @Nullable ResultSet results;
  private boolean onRow;

  private AccountStream(Database database, AccountRows rows) {
    super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
    this.database = database;
    this.rows = rows;
  }

  /** Opens the query; the caller must close the stream. */
  static Stream<RemoteAccount> open(
      Database database, String sql, List<String> parameters, int fetchSize, AccountRows rows) {
    AccountStream stream = new AccountStream(database, rows);
    stream.start(sql, parameters, fetchSize);
    return StreamSupport.stream(stream, false).onClose(stream::release);
  }

  private void start(String sql, List<String> parameters, int fetchSize) {
    Connection borrowed = database.borrow("list accounts");
    connection = borrowed;
    try {
      borrowed.setAutoCommit(false);
      borrowed.setReadOnly(true);
      PreparedStatement prepared =
          borrowed.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      statement = prepared;
      prepared.setFetchSize(fetchSize);
      prepared.setQueryTimeout(database.statementTimeoutSeconds());
      for (int index = 0; index < parameters.size(); index++) {
        prepared.setString(index + 1, parameters.get(index));
      }
      results = prepared.executeQuery();
      onRow = results.next();
      if (!onRow) {
        release();
      }
    } catch (SQLException e) {
      release();
      throw SqlErrors.classify(database.describe("list accounts"), e, ErrorKind.CONSTRAINT);
    }
  }

  @Override
  public boolean tryAdvance(Consumer<? super RemoteAccount> action) {
    ResultSet current = results;
    if (!onRow || current == null) {
      return false;
    }
    RemoteAccount account;
    try {
      AccountBuilder builder = rows.start(current);
      while (onRow && rows.name(current).equals(builder.name())) {
        rows.add(current, builder);
        onRow = current.next();
      }
      account = builder.build();
      if (!onRow) {
        release();
      }
    } catch (SQLException e) {
      release();
      throw SqlErrors.classify(database.describe("list accounts"), e, ErrorKind.CONSTRAINT);
    } catch (ConnectorException e) {
      release();
      throw e;
    }
    action.accept(account);
    return true;
  }

  /** Closes the cursor and returns the connection; safe to call more than once. */
  void release() {
    onRow = false;
    closeQuietly(results);
    results = null;
    closeQuietly(statement);
    statement = null;
    Connection held = connection;
    connection = null;
    if (held != null) {
      try {
        held.rollback();
        held.setReadOnly(false);
        held.setAutoCommit(true);
      } catch (SQLException ignored) {
        // the pool discards a broken connection
      }
      closeQuietly(held);
    }
  }

  private static void closeQuietly(@Nullable AutoCloseable closeable) {
    if (closeable != null) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // nothing to do: the resource is gone either way
      }
    }
  }
}
