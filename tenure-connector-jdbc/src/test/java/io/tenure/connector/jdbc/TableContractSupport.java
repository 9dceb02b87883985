package io.tenure.connector.jdbc;

import io.tenure.connector.spi.ConnectorConfiguration;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Tables and settings the {@code jdbc-table} integration tests share. */
final class TableContractSupport {

  private TableContractSupport() {}

  static void createTables(ScratchDatabase database) throws SQLException {
    if (database.dialect == Dialect.POSTGRESQL) {
      database.execute(
          "CREATE TABLE app_accounts (uid varchar(200) PRIMARY KEY, enabled boolean NOT NULL,"
              + " cn text, sn text, \"givenName\" text, mail text, title text, description text,"
              + " employee_number integer)",
          "CREATE TABLE app_memberships (account varchar(200) NOT NULL REFERENCES app_accounts(uid),"
              + " entitlement varchar(200) NOT NULL, PRIMARY KEY (account, entitlement))",
          "CREATE TABLE users (id integer)");
    } else {
      database.execute(
          "CREATE TABLE app_accounts (uid VARCHAR(200) PRIMARY KEY, enabled BOOLEAN NOT NULL,"
              + " cn TEXT, sn TEXT, givenName TEXT, mail TEXT, title TEXT, description TEXT,"
              + " employee_number INTEGER)",
          "CREATE TABLE app_memberships (account VARCHAR(200) NOT NULL, entitlement VARCHAR(200)"
              + " NOT NULL, PRIMARY KEY (account, entitlement),"
              + " FOREIGN KEY (account) REFERENCES app_accounts(uid))",
          "CREATE TABLE users (id INTEGER)");
    }
  }

  /** The tables a hostile name could have dropped are still there. */
  static void assertTablesIntact(ScratchDatabase database) throws SQLException {
    org.assertj.core.api.Assertions.assertThat(database.query("SELECT COUNT(*) FROM users"))
        .isEqualTo("0");
    org.assertj.core.api.Assertions.assertThat(
            database.query("SELECT COUNT(*) FROM app_memberships"))
        .isNotNull();
  }

  static ConnectorConfiguration configuration(ScratchDatabase database, String password) {
    Map<String, String> settings = new HashMap<>();
    settings.put("url", database.url);
    settings.put("password", password);
    settings.put("accounts.table", "app_accounts");
    settings.put("accounts.key", "uid");
    settings.put("accounts.enabledColumn", "enabled");
    settings.put("accounts.columns", "cn,sn,givenName,mail,title,description,employee_number");
    settings.put("accounts.multiValuedColumns", "description");
    settings.put("memberships.table", "app_memberships");
    settings.put("memberships.accountColumn", "account");
    settings.put("memberships.entitlementColumn", "entitlement");
    settings.put("page.size", "25");
    settings.put("pool.size", "3");
    return new ConnectorConfiguration("table-it", settings, Set.of("password"));
  }
}
