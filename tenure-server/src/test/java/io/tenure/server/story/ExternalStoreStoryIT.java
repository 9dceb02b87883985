package io.tenure.server.story;

import io.tenure.cli.TenureLaunch;
import io.tenure.engine.configuration.StoreSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** The story on the machine's PostgreSQL server, in a database made for this class and dropped. */
class ExternalStoreStoryIT extends StoryContract {

  private static final String SERVER =
      System.getProperty("tenure.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
  private static final String USER = System.getProperty("tenure.it.postgres.username", "postgres");
  private final String database =
      "tenure_story_it_" + UUID.randomUUID().toString().replace("-", "");

  @Override
  protected void createStore() throws Exception {
    try (Connection connection = DriverManager.getConnection(SERVER, USER, null);
        Statement statement = connection.createStatement()) {
      statement.execute("create database " + database);
    }
  }

  @Override
  protected void dropStore() throws Exception {
    try (Connection connection = DriverManager.getConnection(SERVER, USER, null);
        Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists " + database + " with (force)");
    }
  }

  @Override
  protected UnaryOperator<TenureLaunch> store() {
    String url = SERVER.substring(0, SERVER.lastIndexOf('/') + 1) + database;
    return launch -> launch.withStore(new StoreSettings(url, USER, null));
  }
}
