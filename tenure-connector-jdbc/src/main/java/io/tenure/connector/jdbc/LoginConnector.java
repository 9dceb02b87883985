package io.tenure.connector.jdbc;

import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.AttributeDelta;
import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.CreateCapability;
import io.tenure.connector.spi.DeleteCapability;
import io.tenure.connector.spi.EnableDisableCapability;
import io.tenure.connector.spi.EntitlementCapability;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.spi.NewAccount;
import io.tenure.connector.spi.RemoteAccount;
import io.tenure.connector.spi.SearchCapability;
import io.tenure.connector.spi.TestCapability;
import io.tenure.connector.spi.UpdateCapability;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A {@code jdbc-login} connector: accounts are database logins, entitlements are database roles.
 * Login and role names are quoted with the dialect's rules (they cannot be bound in DDL); every
 * other value is bound. Names outside the {@link LoginScope} are refused with {@link
 * ErrorKind#INVALID_INPUT} and never listed. Attributes, when an attributes table is configured,
 * are rows (login, attribute, value) of that table; without one, an account has no attributes.
 */
final class LoginConnector
    implements Connector,
        CreateCapability,
        UpdateCapability,
        EnableDisableCapability,
        DeleteCapability,
        EntitlementCapability,
        SearchCapability,
        TestCapability {

  private final LoginDialect logins;
  private final LoginScope scope;
  private final Optional<String> attributesTable;
  private final int pageSize;
  private final Database database;
  private final String attributesJoin;

  LoginConnector(
      LoginDialect logins,
      LoginScope scope,
      Optional<String> attributesTable,
      int pageSize,
      Database database) {
    this.logins = logins;
    this.scope = scope;
    this.pageSize = pageSize;
    this.database = database;
    this.attributesTable = attributesTable.map(database.dialect()::qualified);
    this.attributesJoin =
        this.attributesTable
            .map(table -> "LEFT JOIN " + table + " t ON t.login = " + logins.loginNameExpression())
            .orElse("");
  }

  @Override
  public String type() {
    return JdbcLoginConnectorFactory.TYPE;
  }

  @Override
  public RemoteAccount create(NewAccount account) {
    String name = checkedLogin(account.name());
    account.attributes().keySet().forEach(this::checkedAttribute);
    return database.transaction(
        "create login '" + name + "'",
        ErrorKind.ALREADY_EXISTS,
        connection -> {
          if (read(connection, name).isPresent()) {
            throw new ConnectorException(
                ErrorKind.ALREADY_EXISTS, database.describe("login '" + name + "' exists"));
          }
          try (Statement statement = database.ddl(connection)) {
            logins.create(statement, name, account.enabled());
          } catch (SQLException e) {
            if (e.getErrorCode() == 1396) {
              throw new ConnectorException(
                  ErrorKind.ALREADY_EXISTS, database.describe("login '" + name + "' exists"), e);
            }
            throw e;
          }
          for (Map.Entry<String, List<String>> entry : account.attributes().entrySet()) {
            replaceAttribute(connection, name, entry.getKey(), entry.getValue());
          }
          return read(connection, name)
              .orElseThrow(
                  () ->
                      new ConnectorException(
                          ErrorKind.OTHER,
                          database.describe("login '" + name + "' is not visible after create")));
        });
  }

  @Override
  public void update(AccountReference account, List<AttributeDelta> deltas) {
    String name = checkedLogin(account.name());
    deltas.forEach(delta -> checkedAttribute(delta.attribute()));
    database.transaction(
        "update login '" + name + "'",
        ErrorKind.CONSTRAINT,
        connection -> {
          requireLogin(connection, name);
          for (AttributeDelta delta : deltas) {
            replaceAttribute(connection, name, delta.attribute(), delta.values());
          }
          return null;
        });
  }

  @Override
  public void disable(AccountReference account) {
    setEnabled(account, false);
  }

  @Override
  public void enable(AccountReference account) {
    setEnabled(account, true);
  }

  private void setEnabled(AccountReference account, boolean enabled) {
    String name = checkedLogin(account.name());
    database.transaction(
        (enabled ? "enable" : "disable") + " login '" + name + "'",
        ErrorKind.CONSTRAINT,
        connection -> {
          requireLogin(connection, name);
          try (Statement statement = database.ddl(connection)) {
            logins.setEnabled(statement, name, enabled);
          }
          return null;
        });
  }

  @Override
  public void delete(AccountReference account) {
    String name = checkedLogin(account.name());
    database.transaction(
        "drop login '" + name + "'",
        ErrorKind.CONSTRAINT,
        connection -> {
          if (attributesTable.isPresent()) {
            try (PreparedStatement delete =
                connection.prepareStatement(
                    "DELETE FROM " + attributesTable.get() + " WHERE login = ?")) {
              delete.setString(1, name);
              delete.executeUpdate();
            }
          }
          if (read(connection, name).isPresent()) {
            try (Statement statement = database.ddl(connection)) {
              logins.drop(statement, name);
            }
          }
          return null;
        });
  }

  @Override
  public void grant(AccountReference account, String entitlement) {
    String name = checkedLogin(account.name());
    String role = checkedRole(entitlement);
    database.transaction(
        "grant role '" + role + "' to '" + name + "'",
        ErrorKind.CONSTRAINT,
        connection -> {
          requireLogin(connection, name);
          if (!logins.roleExists(connection, role)) {
            if (!scope.createRoles()) {
              throw new ConnectorException(
                  ErrorKind.NOT_FOUND,
                  database.describe(
                      "role '" + role + "' does not exist (set 'roles.create' to create roles)"));
            }
            try (Statement statement = database.ddl(connection)) {
              logins.createRole(statement, role);
            }
          }
          if (!logins.holds(connection, name, role)) {
            try (Statement statement = database.ddl(connection)) {
              logins.grant(statement, role, name);
            }
          }
          return null;
        });
  }

  @Override
  public void revoke(AccountReference account, String entitlement) {
    String name = checkedLogin(account.name());
    String role = checkedRole(entitlement);
    database.transaction(
        "revoke role '" + role + "' from '" + name + "'",
        ErrorKind.CONSTRAINT,
        connection -> {
          if (logins.holds(connection, name, role)) {
            try (Statement statement = database.ddl(connection)) {
              logins.revoke(statement, role, name);
            }
          }
          return null;
        });
  }

  @Override
  public Optional<RemoteAccount> find(String name) {
    if (!scope.isLogin(name) || logins.problem(name).isPresent() || hasControl(name)) {
      return Optional.empty();
    }
    return database.transaction(
        "find login '" + name + "'", ErrorKind.CONSTRAINT, connection -> read(connection, name));
  }

  /**
   * The names a login or role of the database already uses, Tenure's or not (a name the database
   * cannot hold is left to the create, which refuses it with the reason).
   */
  @Override
  public Set<String> namesInUse(Collection<String> names) {
    return database.transaction(
        "look up login names",
        ErrorKind.CONSTRAINT,
        connection -> {
          Set<String> used = new LinkedHashSet<>();
          for (String name : names) {
            if (logins.problem(name).isEmpty() && logins.nameInUse(connection, name)) {
              used.add(name);
            }
          }
          return used;
        });
  }

  @Override
  public Stream<RemoteAccount> accounts() {
    return AccountStream.open(
        database,
        logins.listing(attributesJoin, false),
        logins.listingParameters(scope.loginPrefix(), Optional.empty()),
        pageSize,
        new Rows());
  }

  @Override
  public void test() {
    database.transaction(
        "test",
        ErrorKind.CONSTRAINT,
        connection -> {
          try (PreparedStatement probe =
              connection.prepareStatement(logins.listing(attributesJoin, true))) {
            List<String> parameters =
                logins.listingParameters(scope.loginPrefix(), Optional.of(scope.loginPrefix()));
            for (int index = 0; index < parameters.size(); index++) {
              probe.setString(index + 1, parameters.get(index));
            }
            probe.executeQuery().close();
          }
          return null;
        });
  }

  @Override
  public void close() {
    database.close();
  }

  /** Connections checked out of the pool right now. */
  int activeConnections() {
    return database.activeConnections();
  }

  private Optional<RemoteAccount> read(Connection connection, String name) throws SQLException {
    Rows rows = new Rows();
    AccountBuilder builder = null;
    try (PreparedStatement select =
        connection.prepareStatement(logins.listing(attributesJoin, true))) {
      List<String> parameters = logins.listingParameters(scope.loginPrefix(), Optional.of(name));
      for (int index = 0; index < parameters.size(); index++) {
        select.setString(index + 1, parameters.get(index));
      }
      try (ResultSet results = select.executeQuery()) {
        while (results.next()) {
          if (!rows.name(results).equals(name)) {
            continue;
          }
          if (builder == null) {
            builder = rows.start(results);
          }
          rows.add(results, builder);
        }
      }
    }
    return builder == null ? Optional.empty() : Optional.of(builder.build());
  }

  private void requireLogin(Connection connection, String name) throws SQLException {
    if (read(connection, name).isEmpty()) {
      throw new ConnectorException(
          ErrorKind.NOT_FOUND, database.describe("login '" + name + "' does not exist"));
    }
  }

  private void replaceAttribute(
      Connection connection, String name, String attribute, List<String> values)
      throws SQLException {
    String table = attributesTable.orElseThrow();
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM " + table + " WHERE login = ? AND attribute = ?")) {
      delete.setString(1, name);
      delete.setString(2, attribute);
      delete.executeUpdate();
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO " + table + " (login, attribute, value) VALUES (?, ?, ?)")) {
      for (String value : values.stream().filter(value -> !value.isEmpty()).distinct().toList()) {
        insert.setString(1, name);
        insert.setString(2, attribute);
        insert.setString(3, value);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private String checkedAttribute(String attribute) {
    if (attributesTable.isEmpty()) {
      throw new ConnectorException(
          ErrorKind.SCHEMA,
          database.describe("attribute '" + attribute + "' needs the setting 'attributes.table'"));
    }
    if (attribute.toLowerCase(Locale.ROOT).contains("password")) {
      throw new ConnectorException(
          ErrorKind.SCHEMA, database.describe("passwords are not managed by this connector"));
    }
    return attribute;
  }

  private String checkedLogin(String name) {
    checkedName(name, "login");
    if (!scope.isLogin(name)) {
      throw new ConnectorException(
          ErrorKind.INVALID_INPUT,
          database.describe(
              "login '"
                  + name
                  + "' is outside this connector's scope (names start with '"
                  + scope.loginPrefix()
                  + "'; system accounts are never touched)"));
    }
    return name;
  }

  private String checkedRole(String role) {
    checkedName(role, "role");
    if (!scope.isRole(role)) {
      throw new ConnectorException(
          ErrorKind.INVALID_INPUT,
          database.describe("role '" + role + "' is outside this connector's scope"));
    }
    return role;
  }

  private void checkedName(String name, String what) {
    if (name.isBlank() || hasControl(name)) {
      throw new ConnectorException(
          ErrorKind.INVALID_INPUT,
          database.describe("a " + what + " name must not be blank or contain control characters"));
    }
    Optional<String> problem = logins.problem(name);
    if (problem.isPresent()) {
      throw new ConnectorException(
          ErrorKind.INVALID_INPUT,
          database.describe(what + " '" + name + "' is not allowed: " + problem.get()));
    }
  }

  private static boolean hasControl(String name) {
    return name.codePoints().anyMatch(Character::isISOControl);
  }

  /** Reads the listing: name, enabled, role, attribute, value. */
  private final class Rows implements AccountRows {

    @Override
    public String name(ResultSet row) throws SQLException {
      return row.getString(1);
    }

    @Override
    public AccountBuilder start(ResultSet row) throws SQLException {
      return new AccountBuilder(row.getString(1), logins.enabled(row));
    }

    @Override
    public void add(ResultSet row, AccountBuilder account) throws SQLException {
      String role = row.getString(3);
      if (role != null && scope.rolePrefix().map(role::startsWith).orElse(true)) {
        account.entitlement(role);
      }
      String attribute = row.getString(4);
      String value = row.getString(5);
      if (attribute != null && value != null) {
        account.value(attribute, value);
      }
    }
  }
}
