package io.tenure.store;

import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;

/** The durable queue on the machine's PostgreSQL, in a database dropped afterwards. */
class ExternalPostgresQueueIT extends QueueContract {

  private final String database = "tenure_queue_" + UUID.randomUUID().toString().replace("-", "");

  @Override
  protected DataSource openDatabase() throws Exception {
    try (Connection connection = ScratchDatabase.connect("postgres").getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("create database " + database);
    }
    return pooled(
        ScratchDatabase.connect(database).getUrl(),
        ScratchDatabase.connect(database).getUser(),
        "");
  }

  @Override
  protected void closeDatabase() throws Exception {
    try (Connection connection = ScratchDatabase.connect("postgres").getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists " + database + " with (force)");
    }
  }
}
