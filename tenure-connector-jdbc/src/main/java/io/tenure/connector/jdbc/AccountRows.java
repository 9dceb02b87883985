package io.tenure.connector.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * How a connector reads accounts from the rows of its listing query, which returns every account as
 * consecutive rows (one per entitlement or attribute value), ordered by account name.
 */
interface AccountRows {

  /** The account name of the current row. */
  String name(ResultSet row) throws SQLException;

  /** Starts an account from its first row. */
  AccountBuilder start(ResultSet row) throws SQLException;

  /** Adds what the current row holds (entitlement, attribute value) to the account. */
  void add(ResultSet row, AccountBuilder account) throws SQLException;
}
