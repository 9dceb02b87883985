package io.tenure.connector.jdbc;

import io.tenure.connector.spi.ConnectorConfiguration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a {@code jdbc-table} target keeps its accounts.
 *
 * @param accountsTable the accounts table, optionally schema-qualified
 * @param key the column holding the account name (unique)
 * @param enabledColumn a boolean column
 * @param columns the managed attribute columns; an attribute maps to the column of its name
 * @param multiValuedColumns columns holding several values joined by {@code separator}
 * @param separator joins the values of a multi-valued column
 * @param membershipsTable the memberships table, if entitlements are managed
 * @param membershipAccount the memberships column holding the account name
 * @param membershipEntitlement the memberships column holding the entitlement name
 * @param pageSize rows fetched per round trip when listing
 */
record TableLayout(
    String accountsTable,
    String key,
    String enabledColumn,
    List<String> columns,
    Set<String> multiValuedColumns,
    char separator,
    Optional<String> membershipsTable,
    String membershipAccount,
    String membershipEntitlement,
    int pageSize) {

  TableLayout {
    columns = List.copyOf(columns);
    multiValuedColumns = Set.copyOf(multiValuedColumns);
  }

  static TableLayout from(ConnectorConfiguration configuration) {
    String key = configuration.required("accounts.key").trim();
    String enabled = configuration.required("accounts.enabledColumn").trim();
    List<String> columns = configuration.list("accounts.columns");
    Set<String> seen = new LinkedHashSet<>(List.of(key));
    if (!seen.add(enabled)) {
      throw Settings.invalid(configuration, "accounts.enabledColumn", "equals the key column");
    }
    for (String column : columns) {
      if (!seen.add(column)) {
        throw Settings.invalid(
            configuration, "accounts.columns", "names the column '" + column + "' twice");
      }
    }
    List<String> multiValued = configuration.list("accounts.multiValuedColumns");
    for (String column : multiValued) {
      if (!columns.contains(column)) {
        throw Settings.invalid(
            configuration,
            "accounts.multiValuedColumns",
            "names '" + column + "', which is not in 'accounts.columns'");
      }
    }
    Optional<String> memberships = configuration.optional("memberships.table").map(String::trim);
    String account = "";
    String entitlement = "";
    if (memberships.isPresent()) {
      account = configuration.required("memberships.accountColumn").trim();
      entitlement = configuration.required("memberships.entitlementColumn").trim();
    }
    return new TableLayout(
        configuration.required("accounts.table").trim(),
        key,
        enabled,
        columns,
        new LinkedHashSet<>(multiValued),
        Settings.character(configuration, "accounts.separator", ';'),
        memberships,
        account,
        entitlement,
        Database.positive(configuration, "page.size", 500));
  }
}
