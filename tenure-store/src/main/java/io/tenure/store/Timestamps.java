package io.tenure.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/** Instants as PostgreSQL stores them: microseconds, UTC. */
final class Timestamps {

  private Timestamps() {}

  /** The instant at PostgreSQL's precision, so that what is stored equals what is read back. */
  static Instant truncate(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  static @Nullable OffsetDateTime bind(@Nullable Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(truncate(instant), ZoneOffset.UTC);
  }

  static @Nullable Instant read(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static Instant readRequired(ResultSet row, String column) throws SQLException {
    Instant value = read(row, column);
    if (value == null) {
      throw new IllegalStateException("column " + column + " is null");
    }
    return value;
  }
}
