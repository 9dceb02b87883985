package io.tenure.connector.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * The statements that manage logins and roles in one database product. Names reach these methods
 * already checked by {@link #problem(String)}; they are quoted here with the product's rules.
 */
interface LoginDialect {

  /** Why the database cannot hold this login or role name, or empty if it can. */
  Optional<String> problem(String name);

  /**
   * The listing query: columns (login name, enabled flag, granted role, attribute, value), logins
   * in scope only, one login's rows consecutive. {@code attributesJoin} is a {@code LEFT JOIN}
   * clause aliasing the attributes table as {@code t}, or empty.
   */
  String listing(String attributesJoin, boolean one);

  /** The parameters of {@link #listing} for the prefix and optionally one name. */
  List<String> listingParameters(String prefix, Optional<String> name);

  /** The SQL expression of the login name in {@link #listing}, for the attributes join. */
  String loginNameExpression();

  /** Reads the enabled flag from the listing's second column. */
  boolean enabled(ResultSet row) throws SQLException;

  void create(Statement statement, String name, boolean enabled) throws SQLException;

  void setEnabled(Statement statement, String name, boolean enabled) throws SQLException;

  void drop(Statement statement, String name) throws SQLException;

  boolean roleExists(Connection connection, String role) throws SQLException;

  /**
   * Whether a login (or role) of that name exists, whoever made it: a name that is taken cannot be
   * given to a new login even when the listing, which shows Tenure's logins only, does not show it.
   */
  boolean nameInUse(Connection connection, String name) throws SQLException;

  void createRole(Statement statement, String role) throws SQLException;

  void grant(Statement statement, String role, String name) throws SQLException;

  boolean holds(Connection connection, String name, String role) throws SQLException;

  void revoke(Statement statement, String role, String name) throws SQLException;
}
