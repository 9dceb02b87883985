package io.tenure.engine.reconciliation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes findings as CSV (one row per finding, a header first) or as a JSON array, streaming: one
 * finding in memory at a time.
 */
public final class FindingExport {

  /** The CSV columns, in order. */
  public static final String[] COLUMNS = {
    "target",
    "username",
    "situation",
    "owner",
    "ownerState",
    "accountEnabled",
    "action",
    "foundAt",
    "detail",
    "differences"
  };

  private FindingExport() {}

  /**
   * Writes the findings as CSV (RFC 4180, CRLF line ends); differences are joined by {@code "; "}.
   *
   * @return how many findings were written
   */
  public static long csv(Stream<Finding> findings, Appendable out) {
    try {
      CSVPrinter printer = CSVFormat.RFC4180.builder().setHeader(COLUMNS).get().print(out);
      long written = 0;
      Iterator<Finding> iterator = findings.iterator();
      while (iterator.hasNext()) {
        Finding finding = iterator.next();
        printer.printRecord(
            finding.target().value(),
            finding.username(),
            finding.situation().name(),
            finding.owner() == null ? "" : finding.owner().value(),
            finding.ownerState() == null ? "" : finding.ownerState().name(),
            finding.accountEnabled(),
            finding.action().name(),
            finding.foundAt().toString(),
            finding.detail(),
            String.join("; ", finding.differences()));
        written++;
      }
      printer.flush();
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the findings as CSV", e);
    }
  }

  /**
   * Writes the findings as one JSON array of objects with the {@link #COLUMNS} as keys ({@code
   * differences} an array of strings, {@code owner} and {@code ownerState} null when absent).
   *
   * @return how many findings were written
   */
  public static long json(Stream<Finding> findings, Appendable out) {
    try {
      out.append('[');
      long written = 0;
      Iterator<Finding> iterator = findings.iterator();
      while (iterator.hasNext()) {
        Finding finding = iterator.next();
        out.append(written == 0 ? "\n  " : ",\n  ");
        out.append("{\"target\": ").append(quote(finding.target().value()));
        out.append(", \"username\": ").append(quote(finding.username()));
        out.append(", \"situation\": ").append(quote(finding.situation().name()));
        out.append(", \"owner\": ")
            .append(finding.owner() == null ? "null" : quote(finding.owner().value()));
        out.append(", \"ownerState\": ")
            .append(finding.ownerState() == null ? "null" : quote(finding.ownerState().name()));
        out.append(", \"accountEnabled\": ").append(Boolean.toString(finding.accountEnabled()));
        out.append(", \"action\": ").append(quote(finding.action().name()));
        out.append(", \"foundAt\": ").append(quote(finding.foundAt().toString()));
        out.append(", \"detail\": ").append(quote(finding.detail()));
        out.append(", \"differences\": [");
        for (int index = 0; index < finding.differences().size(); index++) {
          out.append(index == 0 ? "" : ", ").append(quote(finding.differences().get(index)));
        }
        out.append("]}");
        written++;
      }
      out.append(written == 0 ? "]\n" : "\n]\n");
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the findings as JSON", e);
    }
  }

  /** A JSON string literal. */
  static String quote(String text) {
    StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
    for (int index = 0; index < text.length(); index++) {
      char c = text.charAt(index);
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\r' -> quoted.append("\\r");
        case '\t' -> quoted.append("\\t");
        default -> {
          if (c < 0x20) {
            quoted.append(String.format("\\u%04x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }
}
