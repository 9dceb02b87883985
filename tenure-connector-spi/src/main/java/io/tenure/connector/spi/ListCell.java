package io.tenure.connector.spi;

import java.util.ArrayList;
import java.util.List;

/**
 * Joins several values into one cell and splits them again. Values are joined with the separator; a
 * separator or a backslash inside a value is preceded by a backslash, so every value round-trips.
 * Empty values are dropped. For connectors whose systems keep a multi-valued attribute in one text
 * field (a CSV cell, a table column). Immutable and thread-safe.
 */
public final class ListCell {

  private final char separator;

  /**
   * @throws IllegalArgumentException if the separator is a backslash
   */
  public ListCell(char separator) {
    if (separator == '\\') {
      throw new IllegalArgumentException("the list separator cannot be a backslash");
    }
    this.separator = separator;
  }

  /** The values in one cell; {@link #split} gives them back. */
  public String join(List<String> values) {
    StringBuilder cell = new StringBuilder();
    for (String value : values) {
      if (value.isEmpty()) {
        continue;
      }
      if (cell.length() > 0) {
        cell.append(separator);
      }
      for (int index = 0; index < value.length(); index++) {
        char character = value.charAt(index);
        if (character == separator || character == '\\') {
          cell.append('\\');
        }
        cell.append(character);
      }
    }
    return cell.toString();
  }

  /** The values of a cell made by {@link #join}. */
  public List<String> split(String cell) {
    List<String> values = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int index = 0; index < cell.length(); index++) {
      char character = cell.charAt(index);
      if (character == '\\' && index + 1 < cell.length()) {
        current.append(cell.charAt(++index));
      } else if (character == separator) {
        addIfNotEmpty(values, current);
      } else {
        current.append(character);
      }
    }
    addIfNotEmpty(values, current);
    return values;
  }

  private static void addIfNotEmpty(List<String> values, StringBuilder current) {
    if (current.length() > 0) {
      values.add(current.toString());
    }
    current.setLength(0);
  }
}
