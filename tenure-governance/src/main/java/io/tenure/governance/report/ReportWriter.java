package io.tenure.governance.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes a report as an aligned text table, CSV (RFC 4180, a header first) or JSON. */
public final class ReportWriter {

  /** The formats. */
  public enum Format {
    text,
    csv,
    json
  }

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private ReportWriter() {}

  public static void write(ReportTable table, Format format, PrintWriter out) {
    switch (format) {
      case text -> text(table, out);
      case csv -> csv(table, out);
      case json ->
          out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json(table)));
    }
    out.flush();
  }

  /**
   * The report as JSON: {@code {"report", "title", "columns", "rows": [{...}], "summary": {...}}}.
   */
  public static ObjectNode json(ReportTable table) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("report", table.name());
    root.put("title", table.title());
    ArrayNode columns = root.putArray("columns");
    table.columns().forEach(columns::add);
    ArrayNode rows = root.putArray("rows");
    for (Map<String, String> record : table.records()) {
      ObjectNode row = rows.addObject();
      record.forEach(row::put);
    }
    ObjectNode summary = root.putObject("summary");
    table.summary().forEach(summary::put);
    return root;
  }

  /** The report as CSV: the header, then the rows; the summary is not part of it. */
  public static void csv(ReportTable table, Appendable out) {
    try {
      CSVPrinter printer =
          CSVFormat.RFC4180
              .builder()
              .setHeader(table.columns().toArray(String[]::new))
              .get()
              .print(out);
      for (List<String> row : table.rows()) {
        printer.printRecord(row);
      }
      printer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("could not write report " + table.name() + " as CSV", e);
    }
  }

  /** The report as text: the title, a table with aligned columns, then the summary. */
  public static void text(ReportTable table, PrintWriter out) {
    out.println(table.title());
    out.println();
    if (table.rows().isEmpty()) {
      out.println("  (none)");
    } else {
      List<Integer> widths = new ArrayList<>();
      for (int index = 0; index < table.columns().size(); index++) {
        int width = table.columns().get(index).length();
        for (List<String> row : table.rows()) {
          width = Math.max(width, Math.min(row.get(index).length(), 60));
        }
        widths.add(width);
      }
      line(table.columns(), widths, out);
      for (List<String> row : table.rows()) {
        line(row, widths, out);
      }
    }
    if (!table.summary().isEmpty()) {
      out.println();
      table
          .summary()
          .forEach(
              (name, value) -> out.println("  " + name + ": " + (value.isEmpty() ? "-" : value)));
    }
  }

  private static void line(List<String> values, List<Integer> widths, PrintWriter out) {
    StringBuilder line = new StringBuilder(" ");
    for (int index = 0; index < values.size(); index++) {
      String value = values.get(index);
      line.append(' ');
      if (index == values.size() - 1) {
        line.append(value);
      } else {
        line.append(String.format("%-" + widths.get(index) + "s", value));
      }
    }
    out.println(line.toString().stripTrailing());
  }
}
