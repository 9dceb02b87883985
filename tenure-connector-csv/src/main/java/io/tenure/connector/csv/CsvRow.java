package io.tenure.connector.csv;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One data row of the file.
 *
 * @param line the line on which the row starts (the header is line 1)
 * @param cells the row's cells by column name, in header order
 */
record CsvRow(long line, Map<String, String> cells) {

  CsvRow {
    cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
  }

  String cell(String column) {
    return cells.getOrDefault(column, "");
  }
}
