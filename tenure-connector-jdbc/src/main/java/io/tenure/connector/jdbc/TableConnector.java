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
import io.tenure.connector.spi.ListCell;
import io.tenure.connector.spi.NewAccount;
import io.tenure.connector.spi.RemoteAccount;
import io.tenure.connector.spi.SearchCapability;
import io.tenure.connector.spi.TestCapability;
import io.tenure.connector.spi.UpdateCapability;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A {@code jdbc-table} connector. The account name is the key column's value and also its native
 * id. Every value is bound as a parameter; table and column names come only from the configuration
 * and are quoted with the dialect's rules.
 */
final class TableConnector
    implements Connector,
        CreateCapability,
        UpdateCapability,
        EnableDisableCapability,
        DeleteCapability,
        EntitlementCapability,
        SearchCapability,
        TestCapability {

  private final TableLayout layout;
  private final Database database;
  private final Dialect dialect;
  private final ListCell lists;
  private final String accounts;
  private final String key;
  private final String enabled;
  private final String listing;

  TableConnector(TableLayout layout, Database database) {
    this.layout = layout;
    this.database = database;
    this.dialect = database.dialect();
    this.lists = new ListCell(layout.separator());
    this.accounts = dialect.qualified(layout.accountsTable());
    this.key = dialect.quote(layout.key());
    this.enabled = dialect.quote(layout.enabledColumn());
    StringBuilder select =
        new StringBuilder("SELECT a.").append(key).append(", a.").append(enabled);
    for (String column : layout.columns()) {
      select.append(", a.").append(dialect.quote(column));
    }
    if (layout.membershipsTable().isPresent()) {
      select
          .append(", m.")
          .append(dialect.quote(layout.membershipEntitlement()))
          .append(" FROM ")
          .append(accounts)
          .append(" a LEFT JOIN ")
          .append(dialect.qualified(layout.membershipsTable().get()))
          .append(" m ON m.")
          .append(dialect.quote(layout.membershipAccount()))
          .append(" = a.")
          .append(key);
    } else {
      select.append(" FROM ").append(accounts).append(" a");
    }
    this.listing = select.toString();
  }

  @Override
  public String type() {
    return JdbcTableConnectorFactory.TYPE;
  }

  @Override
  public RemoteAccount create(NewAccount account) {
    String name = checkedName(account.name());
    Map<String, String> cells = new LinkedHashMap<>();
    account
        .attributes()
        .forEach((attribute, values) -> cells.put(column(attribute), cell(attribute, values)));
    return database.transaction(
        "create account '" + name + "'",
        ErrorKind.ALREADY_EXISTS,
        connection -> {
          if (exists(connection, name)) {
            throw new ConnectorException(
                ErrorKind.ALREADY_EXISTS, database.describe("account '" + name + "' exists"));
          }
          StringBuilder sql =
              new StringBuilder("INSERT INTO ").append(accounts).append(" (").append(key);
          sql.append(", ").append(enabled);
          StringBuilder marks = new StringBuilder("?, ?");
          for (String column : cells.keySet()) {
            sql.append(", ").append(dialect.quote(column));
            marks.append(", ?");
          }
          sql.append(") VALUES (").append(marks).append(')');
          try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
            insert.setString(1, name);
            insert.setBoolean(2, account.enabled());
            int index = 3;
            for (String value : cells.values()) {
              bindValue(insert, index++, value);
            }
            insert.executeUpdate();
          }
          return read(connection, name)
              .orElseThrow(
                  () ->
                      new ConnectorException(
                          ErrorKind.OTHER,
                          database.describe("account '" + name + "' vanished after insert")));
        });
  }

  @Override
  public void update(AccountReference account, List<AttributeDelta> deltas) {
    String name = checkedName(account.name());
    Map<String, String> changes = new LinkedHashMap<>();
    for (AttributeDelta delta : deltas) {
      changes.put(column(delta.attribute()), cell(delta.attribute(), delta.values()));
    }
    if (changes.isEmpty()) {
      requireExisting(name);
      return;
    }
    StringBuilder sql = new StringBuilder("UPDATE ").append(accounts).append(" SET ");
    List<String> assignments = new ArrayList<>();
    for (String column : changes.keySet()) {
      assignments.add(dialect.quote(column) + " = ?");
    }
    sql.append(String.join(", ", assignments)).append(" WHERE ").append(key).append(" = ?");
    database.transaction(
        "update account '" + name + "'",
        ErrorKind.CONSTRAINT,
        connection -> {
          int changed;
          try (PreparedStatement update = connection.prepareStatement(sql.toString())) {
            int index = 1;
            for (String value : changes.values()) {
              bindValue(update, index++, value);
            }
            update.setString(index, name);
            changed = update.executeUpdate();
          }
          return requireFound(connection, name, changed);
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

  private void setEnabled(AccountReference account, boolean value) {
    String name = checkedName(account.name());
    String sql = "UPDATE " + accounts + " SET " + enabled + " = ? WHERE " + key + " = ?";
    database.transaction(
        (value ? "enable" : "disable") + " account '" + name + "'",
        ErrorKind.CONSTRAINT,
        connection -> {
          int changed;
          try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setBoolean(1, value);
            update.setString(2, name);
            changed = update.executeUpdate();
          }
          return requireFound(connection, name, changed);
        });
  }

  @Override
  public void delete(AccountReference account) {
    String name = checkedName(account.name());
    database.transaction(
        "delete account '" + name + "'",
        ErrorKind.CONSTRAINT,
        connection -> {
          if (layout.membershipsTable().isPresent()) {
            try (PreparedStatement delete =
                connection.prepareStatement(
                    "DELETE FROM "
                        + dialect.qualified(layout.membershipsTable().get())
                        + " WHERE "
                        + dialect.quote(layout.membershipAccount())
                        + " = ?")) {
              delete.setString(1, name);
              delete.executeUpdate();
            }
          }
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM " + accounts + " WHERE " + key + " = ?")) {
            delete.setString(1, name);
            delete.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public void grant(AccountReference account, String entitlement) {
    String name = checkedName(account.name());
    String checked = checkedEntitlement(entitlement);
    String memberships = membershipsTable();
    String accountColumn = dialect.quote(layout.membershipAccount());
    String entitlementColumn = dialect.quote(layout.membershipEntitlement());
    try {
      database.transaction(
          "grant '" + checked + "' to '" + name + "'",
          ErrorKind.CONSTRAINT,
          connection -> {
            if (!exists(connection, name)) {
              throw new ConnectorException(
                  ErrorKind.NOT_FOUND, database.describe("account '" + name + "' does not exist"));
            }
            try (PreparedStatement held =
                connection.prepareStatement(
                    "SELECT 1 FROM "
                        + memberships
                        + " WHERE "
                        + accountColumn
                        + " = ? AND "
                        + entitlementColumn
                        + " = ?")) {
              held.setString(1, name);
              held.setString(2, checked);
              try (ResultSet found = held.executeQuery()) {
                if (found.next()) {
                  return null;
                }
              }
            }
            try (PreparedStatement insert =
                connection.prepareStatement(
                    "INSERT INTO "
                        + memberships
                        + " ("
                        + accountColumn
                        + ", "
                        + entitlementColumn
                        + ") VALUES (?, ?)")) {
              insert.setString(1, name);
              insert.setString(2, checked);
              insert.executeUpdate();
            }
            return null;
          });
    } catch (ConnectorException e) {
      // a concurrent grant inserted the same row first: the entitlement is held, as asked
      if (e.kind() != ErrorKind.CONSTRAINT || !isDuplicate(e)) {
        throw e;
      }
    }
  }

  private static boolean isDuplicate(ConnectorException e) {
    return e.getCause() instanceof SQLException sql
        && SqlErrors.kind(sql, ErrorKind.ALREADY_EXISTS) == ErrorKind.ALREADY_EXISTS;
  }

  @Override
  public void revoke(AccountReference account, String entitlement) {
    String name = checkedName(account.name());
    String memberships = membershipsTable();
    database.transaction(
        "revoke '" + entitlement + "' from '" + name + "'",
        ErrorKind.CONSTRAINT,
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement(
                  "DELETE FROM "
                      + memberships
                      + " WHERE "
                      + dialect.quote(layout.membershipAccount())
                      + " = ? AND "
                      + dialect.quote(layout.membershipEntitlement())
                      + " = ?")) {
            delete.setString(1, name);
            delete.setString(2, entitlement);
            delete.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<RemoteAccount> find(String name) {
    if (name.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    return database.transaction(
        "find account '" + name + "'", ErrorKind.CONSTRAINT, connection -> read(connection, name));
  }

  @Override
  public Stream<RemoteAccount> accounts() {
    return AccountStream.open(
        database,
        listing + " ORDER BY a." + key + ordering(),
        List.of(),
        layout.pageSize(),
        new Rows());
  }

  @Override
  public void test() {
    database.transaction(
        "test",
        ErrorKind.CONSTRAINT,
        connection -> {
          try (PreparedStatement probe = connection.prepareStatement(listing + " WHERE 1 = 0")) {
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

  private String ordering() {
    return layout.membershipsTable().isPresent()
        ? ", m." + dialect.quote(layout.membershipEntitlement())
        : "";
  }

  private Optional<RemoteAccount> read(Connection connection, String name) throws SQLException {
    Rows rows = new Rows();
    AccountBuilder builder = null;
    try (PreparedStatement select =
        connection.prepareStatement(
            listing + " WHERE a." + key + " = ?" + " ORDER BY a." + key + ordering())) {
      select.setString(1, name);
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

  private boolean exists(Connection connection, String name) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT " + key + " FROM " + accounts + " WHERE " + key + " = ?")) {
      select.setString(1, name);
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

  private Void requireFound(Connection connection, String name, int changed) throws SQLException {
    if (changed == 0 && !exists(connection, name)) {
      throw new ConnectorException(
          ErrorKind.NOT_FOUND, database.describe("account '" + name + "' does not exist"));
    }
    return null;
  }

  private void requireExisting(String name) {
    database.transaction(
        "find account '" + name + "'",
        ErrorKind.CONSTRAINT,
        connection -> requireFound(connection, name, 0));
  }

  private void bindValue(PreparedStatement statement, int index, String value) throws SQLException {
    if (value.isEmpty()) {
      statement.setNull(index, dialect == Dialect.POSTGRESQL ? Types.OTHER : Types.VARCHAR);
    } else if (dialect == Dialect.POSTGRESQL) {
      // sent untyped, so that PostgreSQL converts it to the column's type (text, integer, date)
      statement.setObject(index, value, Types.OTHER);
    } else {
      statement.setString(index, value);
    }
  }

  private String membershipsTable() {
    return dialect.qualified(
        layout
            .membershipsTable()
            .orElseThrow(
                () ->
                    new ConnectorException(
                        ErrorKind.CONFIGURATION,
                        database.describe("entitlements need the setting 'memberships.table'"))));
  }

  private String column(String attribute) {
    if (!layout.columns().contains(attribute)) {
      throw new ConnectorException(
          ErrorKind.SCHEMA,
          database.describe(
              "attribute '"
                  + attribute
                  + "' is not one of the columns "
                  + layout.columns()
                  + " (setting 'accounts.columns')"));
    }
    return attribute;
  }

  private String cell(String attribute, List<String> values) {
    if (layout.multiValuedColumns().contains(attribute)) {
      return lists.join(values);
    }
    if (values.size() > 1) {
      throw new ConnectorException(
          ErrorKind.SCHEMA,
          database.describe(
              "column '"
                  + attribute
                  + "' holds one value, got "
                  + values.size()
                  + " (list it in 'accounts.multiValuedColumns')"));
    }
    return values.isEmpty() ? "" : values.get(0);
  }

  private String checkedName(String name) {
    if (name.indexOf('\0') >= 0) {
      throw new ConnectorException(
          ErrorKind.INVALID_INPUT, database.describe("account names must not contain NUL"));
    }
    return name;
  }

  private String checkedEntitlement(String entitlement) {
    if (entitlement.isBlank() || entitlement.indexOf('\0') >= 0) {
      throw new ConnectorException(
          ErrorKind.INVALID_INPUT,
          database.describe("entitlement names must not be blank or contain NUL"));
    }
    return entitlement;
  }

  /** Reads the listing's rows: key, enabled, the attribute columns, then the entitlement. */
  private final class Rows implements AccountRows {

    @Override
    public String name(ResultSet row) throws SQLException {
      return row.getString(1);
    }

    @Override
    public AccountBuilder start(ResultSet row) throws SQLException {
      AccountBuilder builder = new AccountBuilder(row.getString(1), row.getBoolean(2));
      int index = 3;
      for (String column : layout.columns()) {
        String value = row.getString(index++);
        if (value != null && !value.isEmpty()) {
          builder.attribute(
              column,
              layout.multiValuedColumns().contains(column) ? lists.split(value) : List.of(value));
        }
      }
      return builder;
    }

    @Override
    public void add(ResultSet row, AccountBuilder account) throws SQLException {
      if (layout.membershipsTable().isPresent()) {
        String entitlement = row.getString(3 + layout.columns().size());
        if (entitlement != null) {
          account.entitlement(entitlement);
        }
      }
    }
  }
}
