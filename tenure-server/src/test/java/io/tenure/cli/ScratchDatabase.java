package io.tenure.cli;

import io.tenure.engine.configuration.StoreSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A database of its own on the machine's PostgreSQL, for a test that runs commands against a store
 * without starting an embedded one; dropped on close.
 */
final class ScratchDatabase implements AutoCloseable {

  private static final String SERVER =
      System.getProperty("tenure.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
  private static final String USER = System.getProperty("tenure.it.postgres.username", "postgres");

  private final String name;

  private ScratchDatabase(String name) {
    this.name = name;
  }

  /** Creates a database named {@code prefix} and a random suffix. */
  static ScratchDatabase create(String prefix) {
    ScratchDatabase database =
        new ScratchDatabase(prefix + "_" + UUID.randomUUID().toString().replace("-", ""));
    database.execute("create database " + database.name);
    return database;
  }

  /** Puts every launch's store on this database. */
  UnaryOperator<TenureLaunch> store() {
    String url = SERVER.substring(0, SERVER.lastIndexOf('/') + 1) + name;
    return launch -> launch.withStore(new StoreSettings(url, USER, null));
  }

  @Override
  public void close() {
    execute("drop database if exists " + name + " with (force)");
  }

  private void execute(String sql) {
    try (Connection connection = DriverManager.getConnection(SERVER, USER, null);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
