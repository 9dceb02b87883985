package io.tenure.connector.jdbc;

import java.nio.charset.StandardCharsets;
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
 * PostgreSQL logins: roles with {@code LOGIN}. A login in scope has the configured prefix and
 * carries the marker comment the connector puts on every login it creates: a role somebody else
 * made (a hand-made {@code <prefix>admin} superuser, a group role used as an entitlement) is never
 * listed, found, disabled or adopted, whether it can log in or not.
 */
final class PostgresLogins implements LoginDialect {

  private static final int MAX_NAME_BYTES = 63;

  private final String marker;

  PostgresLogins(String marker) {
    this.marker = marker;
  }

  @Override
  public Optional<String> problem(String name) {
    if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
      return Optional.of("PostgreSQL role names are at most 63 bytes");
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.startsWith("pg_") || lower.equals("public") || lower.equals("none")) {
      return Optional.of("the name is reserved by PostgreSQL");
    }
    return Optional.empty();
  }

  @Override
  public String listing(String attributesJoin, boolean one) {
    return "SELECT r.rolname, r.rolcanlogin, g.rolname, "
        + (attributesJoin.isEmpty() ? "NULL, NULL" : "t.attribute, t.value")
        + " FROM pg_catalog.pg_roles r"
        + " LEFT JOIN pg_catalog.pg_auth_members m ON m.member = r.oid"
        + " LEFT JOIN pg_catalog.pg_roles g ON g.oid = m.roleid "
        + attributesJoin
        + " WHERE starts_with(r.rolname, ?)"
        + " AND pg_catalog.shobj_description(r.oid, 'pg_authid') = ?"
        + (one ? " AND r.rolname = ?" : "")
        + " ORDER BY r.rolname, g.rolname"
        + (attributesJoin.isEmpty() ? "" : ", t.attribute, t.value");
  }

  @Override
  public List<String> listingParameters(String prefix, Optional<String> name) {
    List<String> parameters = new ArrayList<>(List.of(prefix, marker));
    name.ifPresent(parameters::add);
    return parameters;
  }

  @Override
  public String loginNameExpression() {
    return "r.rolname";
  }

  @Override
  public boolean enabled(ResultSet row) throws SQLException {
    return row.getBoolean(2);
  }

  @Override
  public void create(Statement statement, String name, boolean enabled) throws SQLException {
    String quoted = Dialect.POSTGRESQL.quote(name);
    statement.execute("CREATE ROLE " + quoted + (enabled ? " LOGIN" : " NOLOGIN"));
    statement.execute("COMMENT ON ROLE " + quoted + " IS " + Dialect.postgresString(marker));
  }

  @Override
  public void setEnabled(Statement statement, String name, boolean enabled) throws SQLException {
    statement.execute(
        "ALTER ROLE " + Dialect.POSTGRESQL.quote(name) + (enabled ? " LOGIN" : " NOLOGIN"));
  }

  @Override
  public void drop(Statement statement, String name) throws SQLException {
    statement.execute("DROP ROLE IF EXISTS " + Dialect.POSTGRESQL.quote(name));
  }

  @Override
  public boolean roleExists(Connection connection, String role) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ?")) {
      select.setString(1, role);
      try (ResultSet results = select.executeQuery()) {
        return results.next();
      }
    }
  }

  @Override
  public boolean nameInUse(Connection connection, String name) throws SQLException {
    return roleExists(connection, name);
  }

  @Override
  public void createRole(Statement statement, String role) throws SQLException {
    statement.execute("CREATE ROLE " + Dialect.POSTGRESQL.quote(role) + " NOLOGIN");
  }

  @Override
  public void grant(Statement statement, String role, String name) throws SQLException {
    statement.execute(
        "GRANT " + Dialect.POSTGRESQL.quote(role) + " TO " + Dialect.POSTGRESQL.quote(name));
  }

  @Override
  public boolean holds(Connection connection, String name, String role) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT 1 FROM pg_catalog.pg_auth_members m"
                + " JOIN pg_catalog.pg_roles g ON g.oid = m.roleid"
                + " JOIN pg_catalog.pg_roles u ON u.oid = m.member"
                + " WHERE g.rolname = ? AND u.rolname = ?")) {
      select.setString(1, role);
      select.setString(2, name);
      try (ResultSet results = select.executeQuery()) {
        return results.next();
      }
    }
  }

  @Override
  public void revoke(Statement statement, String role, String name) throws SQLException {
    statement.execute(
        "REVOKE " + Dialect.POSTGRESQL.quote(role) + " FROM " + Dialect.POSTGRESQL.quote(name));
  }
}
