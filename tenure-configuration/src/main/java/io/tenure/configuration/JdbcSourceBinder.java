package io.tenure.configuration;

import static io.tenure.configuration.NodeReader.quote;

import io.tenure.engine.configuration.JdbcSourceSettings;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code sources.NAME} of {@code type: jdbc}: a table or view read over JDBC ({@code url}, {@code
 * username}, {@code password} by reference, {@code table}, an optional {@code watermark} column for
 * incremental reads).
 */
final class JdbcSourceBinder {

  /** The keys of a JDBC source beyond those every source has. */
  static final Set<String> KEYS = Set.of("url", "username", "password", "table", "watermark");

  private JdbcSourceBinder() {}

  /** The connection settings; {@code null} after reporting what makes them unusable. */
  static @Nullable JdbcSourceSettings bind(MappingReader source) {
    String url = source.requiredString("url");
    if (url != null && !url.startsWith("jdbc:")) {
      source.problemAt("url", quote(url) + " is not a JDBC URL such as jdbc:postgresql://host/db");
      url = null;
    }
    String table = source.requiredString("table");
    if (table != null && !JdbcSourceSettings.TABLE.matcher(table).matches()) {
      source.problemAt(
          "table",
          quote(table) + " is not a table name (letters, digits and _, optionally schema.table)");
      table = null;
    }
    String watermark = source.optionalString("watermark");
    if (watermark != null && !JdbcSourceSettings.COLUMN.matcher(watermark).matches()) {
      source.problemAt(
          "watermark", quote(watermark) + " is not a column name (letters, digits, _)");
      watermark = null;
    }
    String username = source.optionalString("username");
    String password = source.optionalString("password");
    if (url == null || table == null || (source.has("watermark") && watermark == null)) {
      return null;
    }
    return new JdbcSourceSettings(
        url,
        username,
        password,
        table,
        watermark,
        source.reader().unresolvedSecrets(source.path()));
  }
}
