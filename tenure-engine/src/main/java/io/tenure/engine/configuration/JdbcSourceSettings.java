package io.tenure.engine.configuration;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A table or view in a relational database ({@code type: jdbc}): PostgreSQL or MariaDB, or any
 * database whose JDBC driver is on the class path.
 *
 * @param url the JDBC URL, for example {@code jdbc:postgresql://127.0.0.1:5432/hr}
 * @param username the user to connect as, or null when the URL says it
 * @param password the password, or null; never printed
 * @param table the table or view, optionally qualified by its schema ({@code hr.people}): a plain
 *     SQL identifier, never quoted
 * @param watermarkColumn a column that grows whenever a row changes (a last-modified timestamp, a
 *     version number), or null: with it, an import reads only the rows whose value is at least the
 *     highest value the previous import saw (the rows at that value are read again, which changes
 *     nothing), so that a large table is read incrementally
 * @param unresolvedSecrets secret references that could not be resolved, see {@link
 *     SourceConnection#unresolvedSecrets()}
 */
public record JdbcSourceSettings(
    String url,
    @Nullable String username,
    @Nullable String password,
    String table,
    @Nullable String watermarkColumn,
    List<String> unresolvedSecrets)
    implements SourceConnection {

  /** Settings whose secrets are all resolved. */
  public JdbcSourceSettings(
      String url,
      @Nullable String username,
      @Nullable String password,
      String table,
      @Nullable String watermarkColumn) {
    this(url, username, password, table, watermarkColumn, List.of());
  }

  /** A table name, optionally schema-qualified; an unquoted SQL identifier each. */
  public static final Pattern TABLE =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

  /** A column name: an unquoted SQL identifier. */
  public static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public JdbcSourceSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(table, "table");
    unresolvedSecrets = List.copyOf(unresolvedSecrets);
    if (!TABLE.matcher(table).matches()) {
      throw new IllegalArgumentException(
          "\"" + table + "\" is not a table name (letters, digits, _; optionally schema.table)");
    }
    if (watermarkColumn != null && !COLUMN.matcher(watermarkColumn).matches()) {
      throw new IllegalArgumentException(
          "\"" + watermarkColumn + "\" is not a column name (letters, digits, _)");
    }
  }

  public Optional<String> watermark() {
    return Optional.ofNullable(watermarkColumn);
  }

  @Override
  public String origin() {
    return table;
  }

  @Override
  public String describe() {
    return "table " + table;
  }

  @Override
  public String toString() {
    return "JdbcSourceSettings[url="
        + url
        + ", username="
        + username
        + ", password="
        + (password == null ? "none" : "******")
        + ", table="
        + table
        + ", watermark="
        + watermarkColumn
        + "]";
  }
}
