package io.tenure.source.jdbc;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A value of a watermark column, typed so that the database compares it as the column's type: a
 * timestamp (with or without time zone), a date, a whole or decimal number, or text. Saved as a
 * checkpoint in the form {@code kind:value} ({@code timestamp:2026-03-01T08:15:00.123456}).
 *
 * @param kind how the value is typed
 * @param value the value, as the JDBC driver gives it for that kind
 */
record Watermark(Kind kind, Comparable<?> value) {

  /** The types a watermark column may have, as far as the comparison goes. */
  enum Kind {
    TIMESTAMP,
    TIMESTAMPTZ,
    DATE,
    INTEGER,
    DECIMAL,
    TEXT
  }

  /** The kind of a column, from the result set's metadata. */
  static Kind kindOf(int sqlType, String typeName) {
    String name = typeName.toLowerCase(Locale.ROOT);
    if (sqlType == Types.TIMESTAMP_WITH_TIMEZONE || name.equals("timestamptz")) {
      return Kind.TIMESTAMPTZ;
    }
    return switch (sqlType) {
      case Types.TIMESTAMP -> Kind.TIMESTAMP;
      case Types.DATE -> Kind.DATE;
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> Kind.INTEGER;
      case Types.DECIMAL, Types.NUMERIC -> Kind.DECIMAL;
      default -> Kind.TEXT;
    };
  }

  /** The column's value in the current row, or null. */
  static @Nullable Watermark read(ResultSet row, int column, Kind kind) throws SQLException {
    Comparable<?> value =
        switch (kind) {
          case TIMESTAMP -> row.getObject(column, LocalDateTime.class);
          case TIMESTAMPTZ -> row.getObject(column, OffsetDateTime.class);
          case DATE -> row.getObject(column, LocalDate.class);
          case INTEGER -> {
            long number = row.getLong(column);
            yield row.wasNull() ? null : number;
          }
          case DECIMAL -> row.getBigDecimal(column);
          case TEXT -> row.getString(column);
        };
    return value == null ? null : new Watermark(kind, value);
  }

  /** A saved checkpoint of this kind of column, if it is one. */
  static Optional<Watermark> decode(String checkpoint, Kind expected) {
    int colon = checkpoint.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    Kind kind;
    try {
      kind = Kind.valueOf(checkpoint.substring(0, colon));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (kind != expected) {
      return Optional.empty();
    }
    String text = checkpoint.substring(colon + 1);
    try {
      Comparable<?> value =
          switch (kind) {
            case TIMESTAMP -> LocalDateTime.parse(text);
            case TIMESTAMPTZ -> OffsetDateTime.parse(text);
            case DATE -> LocalDate.parse(text);
            case INTEGER -> Long.parseLong(text);
            case DECIMAL -> new BigDecimal(text);
            case TEXT -> text;
          };
      return Optional.of(new Watermark(kind, value));
    } catch (DateTimeParseException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** This value as a checkpoint. */
  String encode() {
    return kind.name() + ":" + value;
  }

  /** The greater of this and another value of the same kind. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  Watermark max(@Nullable Watermark other) {
    if (other == null) {
      return this;
    }
    return ((Comparable) value).compareTo(other.value) >= 0 ? this : other;
  }
}
