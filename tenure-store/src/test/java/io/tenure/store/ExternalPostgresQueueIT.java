package io.tenure.store;

import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** The durable queue on the machine's PostgreSQL, in a database dropped afterwards. */
class ExternalPostgresQueueIT extends QueueContract {

  private final String database = "tenure_queue_" + UUID.randomUUID().toString().replace("-", "");

  private static PGSimpleDataSource connect(String databaseName) {
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setUrl(
        System.getProperty("tenure.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/postgres"));
    source.setUser(System.getProperty("tenure.it.postgres.username", "postgres"));
    source.setDatabaseName(databaseName);
    return source;
  }

  @Override
  protected DataSource openDatabase() throws Exception {
    try (Connection connection = connect("postgres").getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("create database " + database);
    }
    return pooled(connect(database).getUrl(), connect(database).getUser(), "");
  }

  @Override
  protected void closeDatabase() throws Exception {
    try (Connection connection = connect("postgres").getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists " + database + " with (force)");
    }
  }
}
