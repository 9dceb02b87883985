package io.tenure.governance.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A report's result: a title, named columns, rows of text values (empty text for none) and a
 * summary of named figures (counts, percentiles), in order.
 */
public record ReportTable(
    String name,
    String title,
    List<String> columns,
    List<List<String>> rows,
    Map<String, String> summary) {

  public ReportTable {
    columns = List.copyOf(columns);
    List<List<String>> copy = new ArrayList<>();
    for (List<String> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException(
            "a row of report "
                + name
                + " has "
                + row.size()
                + " values for "
                + columns.size()
                + " columns");
      }
      copy.add(List.copyOf(row));
    }
    rows = List.copyOf(copy);
    summary = Collections.unmodifiableMap(new LinkedHashMap<>(summary));
  }

  /** The values of one column, in row order. */
  public List<String> column(String column) {
    int index = columns.indexOf(column);
    if (index < 0) {
      throw new IllegalArgumentException("report " + name + " has no column " + column);
    }
    return rows.stream().map(row -> row.get(index)).toList();
  }

  /** The rows as maps from column to value (for tests and JSON). */
  public List<Map<String, String>> records() {
    List<Map<String, String>> records = new ArrayList<>();
    for (List<String> row : rows) {
      Map<String, String> record = new LinkedHashMap<>();
      for (int index = 0; index < columns.size(); index++) {
        record.put(columns.get(index), row.get(index));
      }
      records.add(record);
    }
    return records;
  }
}
