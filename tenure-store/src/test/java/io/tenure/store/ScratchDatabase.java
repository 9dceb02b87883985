package io.tenure.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database of its own on the machine's PostgreSQL server ({@code tenure.it.postgres.url}, trust
 * auth), made by {@link #create()} and dropped by {@link #close()}.
 */
final class ScratchDatabase implements AutoCloseable {

  private final String name;
  private final PGSimpleDataSource dataSource;

  private ScratchDatabase(String name) {
    this.name = name;
    this.dataSource = connect(name);
  }

  /** A new, empty database. */
  static ScratchDatabase create() throws SQLException {
    ScratchDatabase database =
        new ScratchDatabase("tenure_it_" + UUID.randomUUID().toString().replace("-", ""));
    database.onServer("create database " + database.name);
    return database;
  }

  /** Connections to this database, without a pool. */
  PGSimpleDataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() throws SQLException {
    onServer("drop database if exists " + name + " with (force)");
  }

  private static void onServer(String sql) throws SQLException {
    try (Connection connection = connect("postgres").getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Connections to that database on the machine's server, without a pool. */
  static PGSimpleDataSource connect(String databaseName) {
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setUrl(
        System.getProperty("tenure.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/postgres"));
    source.setUser(System.getProperty("tenure.it.postgres.username", "postgres"));
    source.setDatabaseName(databaseName);
    return source;
  }
}
