package io.tenure.connector.csv;

import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.jspecify.annotations.Nullable;

/**
 * Reads the rows of a CSV file one at a time, checking the header and the shape of every row. A
 * missing file reads as a file with the expected header and no rows. Problems are reported as
 * {@link ConnectorException}s naming the file and line: {@link ErrorKind#SCHEMA} for the header,
 * {@link ErrorKind#INVALID_INPUT} for a row.
 */
final class CsvRows implements Iterator<CsvRow>, AutoCloseable {

  private final Path file;
  private final List<String> header;
  private final @Nullable CSVParser parser;
  private final @Nullable Iterator<CSVRecord> records;
  private @Nullable CsvRow next;
  private long nextLine;

  private CsvRows(Path file, List<String> header, @Nullable CSVParser parser, long firstDataLine) {
    this.file = file;
    this.header = List.copyOf(header);
    this.parser = parser;
    this.records = parser == null ? null : parser.iterator();
    this.nextLine = firstDataLine;
  }

  /** Opens the file and reads its header, which must contain every one of {@code required}. */
  static CsvRows open(Path file, char delimiter, List<String> required) {
    Reader reader;
    try {
      reader = withoutByteOrderMark(Files.newBufferedReader(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return new CsvRows(file, required, null, 2);
    } catch (IOException e) {
      throw CsvFile.failure("cannot read " + file, e);
    }
    CSVParser parser;
    try {
      parser =
          CSVFormat.RFC4180
              .builder()
              .setDelimiter(delimiter)
              .setHeader()
              .setSkipHeaderRecord(true)
              .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
              .setIgnoreEmptyLines(true)
              .get()
              .parse(reader);
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      closeQuietly(reader);
      throw new ConnectorException(
          ErrorKind.SCHEMA, file + " line 1: unreadable header: " + e.getMessage(), e);
    }
    List<String> header = parser.getHeaderNames();
    if (header.isEmpty()) {
      closeQuietly(parser);
      return new CsvRows(file, required, null, 2);
    }
    for (String column : required) {
      if (!header.contains(column)) {
        closeQuietly(parser);
        throw new ConnectorException(
            ErrorKind.SCHEMA,
            file + " line 1: the header lacks the column '" + column + "' (it has " + header + ")");
      }
    }
    return new CsvRows(file, header, parser, parser.getCurrentLineNumber() + 1);
  }

  /** The file's columns, in order (the expected columns when the file does not exist). */
  List<String> header() {
    return header;
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      next = read();
    }
    return next != null;
  }

  @Override
  public CsvRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    CsvRow row = next;
    next = null;
    return row;
  }

  private @Nullable CsvRow read() {
    if (records == null || parser == null) {
      return null;
    }
    long line = nextLine;
    CSVRecord record;
    try {
      if (!records.hasNext()) {
        return null;
      }
      record = records.next();
    } catch (UncheckedIOException | IllegalStateException e) {
      throw new ConnectorException(
          ErrorKind.INVALID_INPUT, file + " line " + line + ": malformed CSV: " + describe(e), e);
    }
    nextLine = parser.getCurrentLineNumber() + 1;
    if (record.size() != header.size()) {
      throw new ConnectorException(
          ErrorKind.INVALID_INPUT,
          file
              + " line "
              + line
              + ": expected "
              + header.size()
              + " cells as in the header, found "
              + record.size());
    }
    Map<String, String> cells = new LinkedHashMap<>();
    for (int index = 0; index < header.size(); index++) {
      cells.put(header.get(index), record.get(index));
    }
    return new CsvRow(line, cells);
  }

  private static String describe(RuntimeException e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    return String.valueOf(cause.getMessage());
  }

  @Override
  public void close() {
    if (parser != null) {
      closeQuietly(parser);
    }
  }

  private static Reader withoutByteOrderMark(BufferedReader reader) throws IOException {
    PushbackReader pushback = new PushbackReader(reader, 1);
    int first = pushback.read();
    if (first != -1 && first != '\uFEFF') {
      pushback.unread(first);
    }
    return pushback;
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // nothing useful to do: the file was only read
    }
  }
}
