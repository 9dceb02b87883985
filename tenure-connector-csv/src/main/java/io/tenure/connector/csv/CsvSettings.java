package io.tenure.connector.csv;

import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The validated settings of a {@code csv} target.
 *
 * @param targetName the target's name, for messages
 * @param file the CSV file
 * @param key the column holding the account name
 * @param columns the attribute columns, in file order
 * @param multiValuedColumns the attribute columns that hold several values joined by the separator
 * @param enabledColumn the column holding {@code true} or {@code false}
 * @param entitlementsColumn the column holding the entitlements joined by the separator
 * @param separator joins several values in one cell
 * @param delimiter separates cells
 */
record CsvSettings(
    String targetName,
    Path file,
    String key,
    List<String> columns,
    Set<String> multiValuedColumns,
    String enabledColumn,
    String entitlementsColumn,
    char separator,
    char delimiter) {

  CsvSettings {
    columns = List.copyOf(columns);
    multiValuedColumns = Set.copyOf(multiValuedColumns);
  }

  static CsvSettings from(ConnectorConfiguration configuration) {
    String target = configuration.targetName();
    Path file;
    try {
      file = Path.of(configuration.required("file")).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw invalid(target, "file", "is not a valid path");
    }
    String key = configuration.get("key", "name").trim();
    List<String> columns = configuration.list("columns");
    List<String> multiValued = configuration.list("multiValuedColumns");
    String enabled = configuration.get("enabledColumn", "enabled").trim();
    String entitlements = configuration.get("entitlementsColumn", "entitlements").trim();
    char separator = singleCharacter(configuration, "separator", ";");
    char delimiter = singleCharacter(configuration, "delimiter", ",");
    if (separator == '\\' || separator == '"') {
      throw invalid(target, "separator", "must not be a backslash or a double quote");
    }
    if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
      throw invalid(target, "delimiter", "must not be a double quote or a line break");
    }
    if (separator == delimiter) {
      throw invalid(target, "separator", "must differ from the delimiter");
    }
    Set<String> all = new LinkedHashSet<>();
    List<String> ordered = new ArrayList<>(List.of(key));
    ordered.addAll(columns);
    ordered.add(enabled);
    ordered.add(entitlements);
    for (String column : ordered) {
      if (!all.add(column)) {
        throw invalid(target, "columns", "names the column '" + column + "' twice");
      }
    }
    for (String column : multiValued) {
      if (!columns.contains(column)) {
        throw invalid(
            target, "multiValuedColumns", "names '" + column + "', which is not in 'columns'");
      }
    }
    return new CsvSettings(
        target,
        file,
        key,
        columns,
        new LinkedHashSet<>(multiValued),
        enabled,
        entitlements,
        separator,
        delimiter);
  }

  /** Every column the connector writes, in the order of a new file. */
  List<String> header() {
    List<String> header = new ArrayList<>();
    header.add(key);
    header.addAll(columns);
    header.add(enabledColumn);
    header.add(entitlementsColumn);
    return header;
  }

  private static char singleCharacter(
      ConnectorConfiguration configuration, String key, String defaultValue) {
    String value = configuration.settings().getOrDefault(key, defaultValue);
    if (value.isEmpty()) {
      value = defaultValue;
    }
    if (value.equals("\\t") || value.equalsIgnoreCase("tab")) {
      return '\t';
    }
    if (value.length() != 1) {
      throw invalid(
          configuration.targetName(), key, "must be a single character (or 'tab'): " + value);
    }
    return value.charAt(0);
  }

  static ConnectorException invalid(String target, String key, String problem) {
    return new ConnectorException(
        ErrorKind.CONFIGURATION, "target '" + target + "': setting '" + key + "' " + problem);
  }
}
