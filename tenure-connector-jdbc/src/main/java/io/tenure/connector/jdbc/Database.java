package io.tenure.connector.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A small pool of connections to one database (HikariCP), and transactions over it. The pool
 * connects lazily, so that creating a connector never fails because the database is down; {@link
 * io.tenure.connector.spi.TestCapability#test()} reports that instead.
 *
 * <p>Settings: {@code url}, {@code username}, {@code password} (secret), {@code pool.size} (default
 * 4), {@code connection.timeoutSeconds} (default 10), {@code statement.timeoutSeconds} (default
 * 60).
 */
final class Database implements AutoCloseable {

  /** Work done with a connection. */
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final String targetName;
  private final Dialect dialect;
  private final HikariDataSource pool;
  private final int statementTimeoutSeconds;

  Database(ConnectorConfiguration configuration) {
    this.targetName = configuration.targetName();
    String url = configuration.required("url");
    this.dialect = Dialect.of(url);
    int poolSize = positive(configuration, "pool.size", 4);
    int connectionTimeout = positive(configuration, "connection.timeoutSeconds", 10);
    this.statementTimeoutSeconds = positive(configuration, "statement.timeoutSeconds", 60);
    HikariConfig config = new HikariConfig();
    config.setPoolName("tenure-" + targetName);
    config.setJdbcUrl(url);
    if (dialect.driver() != null) {
      config.setDriverClassName(dialect.driver());
    }
    configuration.optional("username").ifPresent(config::setUsername);
    configuration.optional("password").ifPresent(config::setPassword);
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(connectionTimeout * 1000L);
    config.setInitializationFailTimeout(-1);
    config.setAutoCommit(true);
    if (dialect == Dialect.MARIADB) {
      // string literals built by Dialect.mariaDbString rely on backslash escapes
      config.setConnectionInitSql(
          "SET SESSION sql_mode = REPLACE(REPLACE(@@SESSION.sql_mode,"
              + " ',NO_BACKSLASH_ESCAPES', ''), 'NO_BACKSLASH_ESCAPES', '')");
    }
    try {
      this.pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new ConnectorException(
          ErrorKind.CONFIGURATION,
          "target '" + targetName + "': cannot set up the connection pool: " + e.getMessage(),
          e);
    }
  }

  Dialect dialect() {
    return dialect;
  }

  String targetName() {
    return targetName;
  }

  /** Runs the work in one transaction: committed if it returns, rolled back if it throws. */
  <T> T transaction(String action, ErrorKind duplicate, Work<T> work) {
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection);
        throw e;
      } finally {
        resetQuietly(connection);
      }
    } catch (SQLException e) {
      throw SqlErrors.classify(describe(action), e, duplicate);
    }
  }

  /** Runs the work with auto-commit on (each statement commits by itself). */
  <T> T autoCommit(String action, ErrorKind duplicate, Work<T> work) {
    try (Connection connection = pool.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw SqlErrors.classify(describe(action), e, duplicate);
    }
  }

  /** A connection the caller closes, for a stream that outlives one call. */
  Connection borrow(String action) {
    try {
      return pool.getConnection();
    } catch (SQLException e) {
      throw SqlErrors.classify(describe(action), e, ErrorKind.CONSTRAINT);
    }
  }

  /** A plain statement for DDL built from quoted names: JDBC escape processing off. */
  Statement ddl(Connection connection) throws SQLException {
    Statement statement = connection.createStatement();
    statement.setEscapeProcessing(false);
    statement.setQueryTimeout(statementTimeoutSeconds);
    return statement;
  }

  int statementTimeoutSeconds() {
    return statementTimeoutSeconds;
  }

  String describe(String action) {
    return "target '" + targetName + "': " + action;
  }

  /** Connections currently checked out of the pool (for tests and diagnostics). */
  int activeConnections() {
    HikariPoolMXBean bean = pool.getHikariPoolMXBean();
    return bean == null ? 0 : bean.getActiveConnections();
  }

  @Override
  public void close() {
    pool.close();
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the connection is broken; the pool discards it
    }
  }

  private static void resetQuietly(Connection connection) {
    try {
      connection.setAutoCommit(true);
    } catch (SQLException ignored) {
      // the pool resets or discards the connection
    }
  }

  static int positive(ConnectorConfiguration configuration, String key, int defaultValue) {
    int value = configuration.integer(key, defaultValue);
    if (value < 1) {
      throw new ConnectorException(
          ErrorKind.CONFIGURATION,
          "target '" + configuration.targetName() + "': setting '" + key + "' must be positive");
    }
    return value;
  }
}
