package io.tenure.source.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A uniquely named database on the machine's PostgreSQL or MariaDB, created for one test class and
 * dropped at its end. The administrative URLs come from the system properties {@code
 * tenure.it.postgres.url} and {@code tenure.it.mariadb.url}.
 */
final class ScratchDatabase implements AutoCloseable {

  final String url;
  private final String adminUrl;
  private final String name;

  private ScratchDatabase(String adminUrl, String name, String url) {
    this.adminUrl = adminUrl;
    this.name = name;
    this.url = url;
  }

  static ScratchDatabase postgres() throws SQLException {
    String admin =
        System.getProperty(
            "tenure.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    String name = uniqueName();
    execute(admin, "CREATE DATABASE " + name);
    return new ScratchDatabase(
        admin, name, "jdbc:postgresql://127.0.0.1:5432/" + name + "?user=postgres");
  }

  static ScratchDatabase mariaDb() throws SQLException {
    String admin =
        System.getProperty("tenure.it.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/?user=root");
    String name = uniqueName();
    execute(admin, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
    return new ScratchDatabase(admin, name, "jdbc:mariadb://127.0.0.1:3306/" + name + "?user=root");
  }

  private static String uniqueName() {
    return "tenure_src_"
        + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
  }

  /** Runs statements in the scratch database. */
  void execute(String... statements) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  private static void execute(String url, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  @Override
  public void close() throws SQLException {
    execute(adminUrl, "DROP DATABASE IF EXISTS " + name);
  }
}
