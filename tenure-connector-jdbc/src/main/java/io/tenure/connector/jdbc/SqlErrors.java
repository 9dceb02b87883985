package io.tenure.connector.jdbc;

import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Classifies {@link SQLException}s by SQLState (and MariaDB's vendor codes where the SQLState is
 * generic) into {@link ErrorKind}s: connection failures and timeouts, serialization failures and
 * deadlocks are retryable; duplicates, permissions, missing objects and bad values are permanent.
 */
final class SqlErrors {

  private static final Set<String> CONNECTION_STATES = Set.of("57P01", "57P02", "57P03");
  private static final Set<String> SCHEMA_STATES =
      Set.of("42P01", "42703", "42S02", "42S22", "42883", "3F000");
  private static final Set<Integer> PERMISSION_CODES = Set.of(1044, 1045, 1142, 1143, 1227);
  private static final Set<Integer> SCHEMA_CODES = Set.of(1146, 1054, 1049);

  private SqlErrors() {}

  /**
   * The exception to throw for a failed call.
   *
   * @param message what was being done, naming the target; never a secret
   * @param duplicate the kind a uniqueness violation means here: {@link ErrorKind#ALREADY_EXISTS}
   *     when creating the account, {@link ErrorKind#CONSTRAINT} elsewhere
   */
  static ConnectorException classify(String message, SQLException e, ErrorKind duplicate) {
    return new ConnectorException(kind(e, duplicate), message + ": " + describe(e), e);
  }

  static ErrorKind kind(SQLException e, ErrorKind duplicate) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    int code = e.getErrorCode();
    if (e instanceof SQLTimeoutException
        || state.equals("57014")
        || state.startsWith("HYT")
        || code == 1205
        || code == 1969) {
      return ErrorKind.TIMEOUT;
    }
    if (e instanceof SQLTransientConnectionException
        || e instanceof SQLNonTransientConnectionException
        || state.startsWith("08")
        || CONNECTION_STATES.contains(state)) {
      return ErrorKind.CONNECTION;
    }
    if (state.equals("40001") || state.equals("40P01") || code == 1213) {
      return ErrorKind.BUSY;
    }
    if (state.startsWith("53") || code == 1040) {
      return ErrorKind.BUSY;
    }
    if (state.equals("23505") || code == 1062 || code == 1586 || state.equals("42710")) {
      return duplicate;
    }
    if (state.equals("42501") || PERMISSION_CODES.contains(code) || state.startsWith("28")) {
      return ErrorKind.PERMISSION;
    }
    if (state.equals("42704")) {
      return ErrorKind.NOT_FOUND;
    }
    if (state.startsWith("23")) {
      return ErrorKind.CONSTRAINT;
    }
    if (state.startsWith("22") || state.equals("42939") || state.equals("42622")) {
      return ErrorKind.INVALID_INPUT;
    }
    if (SCHEMA_STATES.contains(state) || SCHEMA_CODES.contains(code)) {
      return ErrorKind.SCHEMA;
    }
    if (e instanceof SQLTransientException) {
      return ErrorKind.BUSY;
    }
    return ErrorKind.OTHER;
  }

  private static String describe(SQLException e) {
    return e.getMessage() + " (SQLState " + e.getSQLState() + ", code " + e.getErrorCode() + ")";
  }
}
