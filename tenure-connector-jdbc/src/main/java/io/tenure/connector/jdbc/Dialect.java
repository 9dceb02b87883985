package io.tenure.connector.jdbc;

import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The SQL dialect of a database, found from its JDBC URL, and how it quotes identifiers. */
enum Dialect {
  POSTGRESQL('"', "org.postgresql.Driver"),
  MARIADB('`', "org.mariadb.jdbc.Driver"),
  /** Any other database: identifiers quoted the SQL standard's way. */
  STANDARD('"', null);

  private final char quote;
  private final String driver;

  Dialect(char quote, String driver) {
    this.quote = quote;
    this.driver = driver;
  }

  static Dialect of(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    if (lower.startsWith("jdbc:mariadb:") || lower.startsWith("jdbc:mysql:")) {
      return MARIADB;
    }
    return STANDARD;
  }

  /** The driver class to load, or null to let {@link java.sql.DriverManager} find one. */
  String driver() {
    return driver;
  }

  /** The identifier in quotes, with the quote character doubled inside. */
  String quote(String identifier) {
    if (identifier.isEmpty() || identifier.indexOf('\0') >= 0) {
      throw new ConnectorException(
          ErrorKind.INVALID_INPUT, "an SQL identifier must not be empty or contain NUL");
    }
    String doubled = String.valueOf(quote) + quote;
    return quote + identifier.replace(String.valueOf(quote), doubled) + quote;
  }

  /** A possibly schema-qualified name ({@code schema.table}), each part quoted. */
  String qualified(String dotted) {
    List<String> parts = new ArrayList<>();
    for (String part : dotted.split("\\.", -1)) {
      parts.add(quote(part));
    }
    return String.join(".", parts);
  }

  /**
   * The value as a MariaDB string literal in single quotes: quotes doubled and backslashes escaped.
   * Valid because every connection turns {@code NO_BACKSLASH_ESCAPES} off.
   */
  static String mariaDbString(String value) {
    if (value.indexOf('\0') >= 0) {
      throw new ConnectorException(ErrorKind.INVALID_INPUT, "a name must not contain NUL");
    }
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
  }

  /** The value as a PostgreSQL string literal ({@code standard_conforming_strings} form). */
  static String postgresString(String value) {
    if (value.indexOf('\0') >= 0) {
      throw new ConnectorException(ErrorKind.INVALID_INPUT, "a value must not contain NUL");
    }
    return "E'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
  }
}
