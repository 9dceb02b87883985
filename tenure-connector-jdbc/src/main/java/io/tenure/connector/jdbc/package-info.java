/**
 * The JDBC connectors: {@code jdbc-table} (accounts as rows of a table, memberships in a second
 * table) and {@code jdbc-login} (real PostgreSQL and MariaDB logins, with roles as entitlements).
 */
@NullMarked
package io.tenure.connector.jdbc;

import org.jspecify.annotations.NullMarked;
