package io.tenure.server.guard;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/** HR files derived from the demo's initial load. */
final class HrFiles {

  private HrFiles() {}

  static String initialLoad() throws IOException {
    try (InputStream in = HrFiles.class.getResourceAsStream("/demo/hr-1-initial-load.csv")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * Writes the initial load with each data row (0-based index, record) possibly changed: the
   * function returns the row's values, or null to leave the row out.
   */
  static Path write(Path file, BiFunction<Integer, List<String>, List<String>> change)
      throws IOException {
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
    try (Reader reader = new StringReader(initialLoad());
        CSVParser parser = CSVParser.parse(reader, format);
        Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter printer =
            CSVFormat.RFC4180
                .builder()
                .setHeader(parser.getHeaderNames().toArray(String[]::new))
                .get()
                .print(writer)) {
      int index = 0;
      for (CSVRecord record : parser) {
        List<String> values = change.apply(index++, record.toList());
        if (values != null) {
          printer.printRecord(values);
        }
      }
    }
    return file;
  }

  /** The values with status terminated and the termination date set. */
  static List<String> terminated(List<String> values, String date) {
    List<String> copy = new java.util.ArrayList<>(values);
    copy.set(9, "terminated");
    copy.set(11, date);
    return copy;
  }
}
