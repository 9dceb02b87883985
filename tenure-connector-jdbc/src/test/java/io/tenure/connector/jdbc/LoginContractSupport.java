package io.tenure.connector.jdbc;

import io.tenure.connector.spi.ConnectorConfiguration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Settings and clean-up the {@code jdbc-login} integration tests share. */
final class LoginContractSupport {

  /** Every login the tests create starts with this; the contract's namespaces do. */
  static final String PREFIX = "ct";

  private LoginContractSupport() {}

  static void createAttributesTable(ScratchDatabase database) throws SQLException {
    database.execute(
        "CREATE TABLE login_attributes (login VARCHAR(128) NOT NULL, attribute VARCHAR(128) NOT"
            + " NULL, value VARCHAR(2000) NOT NULL)",
        "CREATE TABLE users (id INTEGER)");
  }

  static ConnectorConfiguration configuration(ScratchDatabase database) {
    Map<String, String> settings = new HashMap<>();
    settings.put("url", database.url);
    settings.put("login.prefix", PREFIX);
    settings.put("roles.create", "true");
    settings.put("attributes.table", "login_attributes");
    settings.put("page.size", "25");
    settings.put("pool.size", "3");
    return new ConnectorConfiguration("login-it", settings, Set.of("password"));
  }

  /** Drops the roles (entitlements) and logins whose names contain the fragment. */
  static void dropEverythingNamed(ScratchDatabase database, String fragment) throws SQLException {
    try (Connection connection = DriverManager.getConnection(database.url);
        Statement statement = connection.createStatement()) {
      statement.setEscapeProcessing(false);
      if (database.dialect == Dialect.POSTGRESQL) {
        for (String role :
            names(
                connection,
                "SELECT rolname FROM pg_catalog.pg_roles WHERE strpos(rolname, ?) > 0",
                fragment)) {
          statement.execute("DROP ROLE IF EXISTS " + Dialect.POSTGRESQL.quote(role));
        }
      } else {
        for (String role :
            names(
                connection,
                "SELECT User FROM mysql.user WHERE is_role = 'Y' AND INSTR(User, ?) > 0",
                fragment)) {
          statement.execute("DROP ROLE IF EXISTS " + Dialect.MARIADB.quote(role));
        }
        for (String user :
            names(
                connection,
                "SELECT User FROM mysql.user WHERE is_role = 'N' AND Host = '%' AND INSTR(User, ?)"
                    + " > 0",
                fragment)) {
          statement.execute("DROP USER IF EXISTS " + Dialect.mariaDbString(user) + "@'%'");
        }
      }
    }
  }

  static List<String> names(Connection connection, String sql, String parameter)
      throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, parameter);
      try (ResultSet results = select.executeQuery()) {
        while (results.next()) {
          names.add(results.getString(1));
        }
      }
    }
    return names;
  }
}
