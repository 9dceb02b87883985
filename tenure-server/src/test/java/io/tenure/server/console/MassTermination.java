package io.tenure.server.console;

import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/** The demo's initial HR load with its first people terminated: a file the brake holds. */
final class MassTermination {

  private MassTermination() {}

  /** Writes the file with the first {@code count} people terminated on {@code date}. */
  static Path write(Path file, int count, String date) throws Exception {
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
    try (Reader reader = new StringReader(ConsoleServer.resource("demo/hr-1-initial-load.csv"));
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
        List<String> values = new ArrayList<>(record.toList());
        if (index++ < count) {
          values.set(9, "terminated");
          values.set(11, date);
        }
        printer.printRecord(values);
      }
    }
    return file;
  }
}
