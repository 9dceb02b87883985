package io.tenure.connector.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * MariaDB logins: users {@code 'name'@'host'} for the configured host, locked to disable; roles
 * granted with {@code GRANT role TO user}. Users are read from {@code mysql.global_priv} (roles
 * have an empty host there, so they are never listed as logins) and grants from {@code
 * mysql.roles_mapping}; {@code information_schema.APPLICABLE_ROLES} only shows the current user's.
 */
final class MariaDbLogins implements LoginDialect {

  private static final int MAX_NAME_CHARACTERS = 128;

  private final String host;

  MariaDbLogins(String host) {
    this.host = host;
  }

  @Override
  public Optional<String> problem(String name) {
    if (name.codePointCount(0, name.length()) > MAX_NAME_CHARACTERS) {
      return Optional.of("MariaDB user and role names are at most 128 characters");
    }
    if (name.codePoints().anyMatch(point -> point > 0xFFFF)) {
      return Optional.of("MariaDB user names hold no characters outside the basic plane");
    }
    if (name.endsWith(" ")) {
      return Optional.of("MariaDB ignores trailing spaces in user names");
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.equals("public") || lower.equals("none")) {
      return Optional.of("the name is reserved by MariaDB");
    }
    return Optional.empty();
  }

  @Override
  public String listing(String attributesJoin, boolean one) {
    return "SELECT u.User, JSON_VALUE(u.Priv, '$.account_locked'), rm.Role, "
        + (attributesJoin.isEmpty() ? "NULL, NULL" : "t.attribute, t.value")
        + " FROM mysql.global_priv u"
        + " LEFT JOIN mysql.roles_mapping rm ON rm.User = u.User AND rm.Host = u.Host "
        + attributesJoin
        + " WHERE u.Host = ? AND LEFT(u.User, CHAR_LENGTH(?)) = ?"
        + (one ? " AND u.User = ?" : "")
        + " ORDER BY u.User, rm.Role"
        + (attributesJoin.isEmpty() ? "" : ", t.attribute, t.value");
  }

  @Override
  public List<String> listingParameters(String prefix, Optional<String> name) {
    List<String> parameters = new ArrayList<>(List.of(host, prefix, prefix));
    name.ifPresent(parameters::add);
    return parameters;
  }

  @Override
  public String loginNameExpression() {
    return "u.User";
  }

  @Override
  public boolean enabled(ResultSet row) throws SQLException {
    String locked = row.getString(2);
    return locked == null || !(locked.equals("1") || locked.equalsIgnoreCase("true"));
  }

  private String account(String name) {
    return Dialect.mariaDbString(name) + "@" + Dialect.mariaDbString(host);
  }

  @Override
  public void create(Statement statement, String name, boolean enabled) throws SQLException {
    statement.execute("CREATE USER " + account(name) + (enabled ? "" : " ACCOUNT LOCK"));
  }

  @Override
  public void setEnabled(Statement statement, String name, boolean enabled) throws SQLException {
    statement.execute(
        "ALTER USER " + account(name) + (enabled ? " ACCOUNT UNLOCK" : " ACCOUNT LOCK"));
  }

  @Override
  public void drop(Statement statement, String name) throws SQLException {
    statement.execute("DROP USER IF EXISTS " + account(name));
  }

  @Override
  public boolean roleExists(Connection connection, String role) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT User FROM mysql.user WHERE User = ? AND is_role = 'Y'")) {
      select.setString(1, role);
      try (ResultSet results = select.executeQuery()) {
        while (results.next()) {
          if (role.equals(results.getString(1))) {
            return true;
          }
        }
        return false;
      }
    }
  }

  @Override
  public boolean nameInUse(Connection connection, String name) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT User FROM mysql.global_priv WHERE User = ? AND (Host = ? OR Host = '')")) {
      select.setString(1, name);
      select.setString(2, host);
      try (ResultSet results = select.executeQuery()) {
        while (results.next()) {
          if (name.equals(results.getString(1))) {
            return true;
          }
        }
        return false;
      }
    }
  }

  @Override
  public void createRole(Statement statement, String role) throws SQLException {
    statement.execute("CREATE ROLE IF NOT EXISTS " + Dialect.MARIADB.quote(role));
  }

  @Override
  public void grant(Statement statement, String role, String name) throws SQLException {
    statement.execute("GRANT " + Dialect.MARIADB.quote(role) + " TO " + account(name));
  }

  @Override
  public boolean holds(Connection connection, String name, String role) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT Role FROM mysql.roles_mapping WHERE User = ? AND Host = ? AND Role = ?")) {
      select.setString(1, name);
      select.setString(2, host);
      select.setString(3, role);
      try (ResultSet results = select.executeQuery()) {
        return results.next();
      }
    }
  }

  @Override
  public void revoke(Statement statement, String role, String name) throws SQLException {
    statement.execute("REVOKE " + Dialect.MARIADB.quote(role) + " FROM " + account(name));
  }
}
