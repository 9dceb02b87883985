package io.tenure.engine.ingest;

import io.tenure.core.expression.CompiledExpression;
import io.tenure.core.expression.ExpressionEnvironment;
import io.tenure.core.expression.ExpressionException;
import io.tenure.core.identity.Employment;
import io.tenure.core.source.ControlCharacters;
import io.tenure.core.source.RecordLocation;
import io.tenure.core.source.RecordProblem;
import io.tenure.core.source.SourceRecord;
import io.tenure.engine.configuration.LifecycleColumns;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.ingest.StrictDecodingReader.Undecodable;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * Reads an HR CSV file (in the source's {@link SourceDefinition#encoding()}, UTF-8 by default;
 * comma separated, RFC 4180 quoting, a header row) of one {@link SourceDefinition} as a stream of
 * {@link SourceRow}s, one row at a time: memory use does not grow with the file, except for the set
 * of key values seen (to reject duplicates). The bytes are decoded as they are read ({@link
 * StrictDecodingReader}), never the whole file up front.
 *
 * <p>Columns are found by header name. Each configured identity attribute is fed by a column of
 * that name or, when the mapping is not a column name, by a CEL expression over the row's columns
 * (columns whose names are CEL identifiers). Values are trimmed; blank values are absent.
 *
 * <p>A row is rejected, with one {@link RecordProblem} per fault naming the file, the physical line
 * the row starts on (quoted fields spanning lines are counted) and the column, when: it has another
 * number of fields than the header; its key attribute or a required attribute is empty; its status
 * is not one of the configured status values (compared case-insensitively); a date is not a real
 * date in the configured format (2026-02-31 is an error); an expression fails; or its key value
 * already appeared on an earlier row (the first row is kept, later ones are rejected naming it).
 *
 * <p><b>One bad byte never stops an import.</b> A row is also rejected, naming its column, when a
 * value it feeds into an identity attribute or its lifecycle (a mapped column, the status and date
 * columns) holds a byte sequence that is not valid in the file's encoding (the message names the
 * bytes, the line they are on, and the {@code encoding} key to set), or a control character other
 * than tab, line feed and carriage return ({@link ControlCharacters}: a NUL, which the store cannot
 * hold, an escape, a C1 control), or the replacement character U+FFFD left by an earlier bad
 * conversion; a value computed by an expression is checked the same way. Such a value never reaches
 * an identity attribute, and the other rows are read as usual. Columns that feed nothing are not
 * checked.
 *
 * <p>Blank lines are skipped. A whole-file fault (unreadable file, header lacking configured
 * columns, a mapping expression that does not compile) throws {@link SourceFileException} from
 * {@link #read(Path)} before any row is produced; a quoting error in the middle of the file ends
 * the stream with a rejected row that describes it.
 */
public final class CsvSourceReader {

  private static final Pattern IDENTIFIER = Pattern.compile("[_a-zA-Z][_a-zA-Z0-9]*");

  private final SourceDefinition source;
  private final EmploymentColumns employmentColumns;

  /**
   * @throws IllegalArgumentException naming the key when the date format is not a valid pattern
   */
  public CsvSourceReader(SourceDefinition source) {
    this.source = source;
    this.employmentColumns = EmploymentColumns.of(source, false);
  }

  /** Reads the source's configured file. */
  public Stream<SourceRow> read() {
    return read(source.file());
  }

  /**
   * Opens the file and checks its header; the rows are read lazily as the stream is consumed. The
   * caller must close the stream (try-with-resources), which closes the file.
   *
   * @throws SourceFileException if the file cannot be opened, its header lacks a configured column,
   *     or a mapping expression does not compile against its columns
   */
  public Stream<SourceRow> read(Path file) {
    String fileName = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    RecordLocation headerLocation = new RecordLocation(fileName, 1);
    StrictDecodingReader decoder;
    Reader reader;
    try {
      decoder = new StrictDecodingReader(Files.newInputStream(file), source.encoding());
      reader = withoutByteOrderMark(decoder);
    } catch (IOException e) {
      throw new SourceFileException(
          new RecordProblem(
              headerLocation, null, "cannot read the file: " + e.getClass().getSimpleName()),
          e);
    }
    CSVParser parser;
    try {
      parser =
          CSVFormat.DEFAULT
              .builder()
              .setHeader()
              .setSkipHeaderRecord(true)
              .setIgnoreEmptyLines(false)
              .get()
              .parse(reader);
    } catch (IOException | RuntimeException e) {
      closeQuietly(reader);
      throw new SourceFileException(
          new RecordProblem(headerLocation, null, "cannot read the header: " + e.getMessage()), e);
    }
    try {
      List<Undecodable> header = decoder.takeThrough(parser.getCurrentLineNumber());
      RowReader rows =
          new RowReader(fileName, parser, decoder, mapping(headerLocation, parser, header));
      return StreamSupport.stream(rows, false).onClose(() -> closeQuietly(parser));
    } catch (RuntimeException e) {
      closeQuietly(parser);
      throw e;
    }
  }

  private Mapping mapping(
      RecordLocation headerLocation, CSVParser parser, List<Undecodable> undecodableHeader) {
    List<String> header = parser.getHeaderNames();
    Set<String> columns = new LinkedHashSet<>(header);
    Set<String> missing = new TreeSet<>();
    LifecycleColumns lifecycle = source.lifecycle();
    if (lifecycle != null) {
      requireColumn(columns, lifecycle.statusColumn(), missing);
      requireColumn(columns, lifecycle.startDateColumn(), missing);
      lifecycle.endDate().ifPresent(column -> requireColumn(columns, column, missing));
    }
    Map<String, String> plain = new LinkedHashMap<>();
    Map<String, String> computed = new LinkedHashMap<>();
    source
        .attributes()
        .forEach(
            (attribute, specification) -> {
              if (columns.contains(specification)) {
                plain.put(attribute, specification);
              } else if (IDENTIFIER.matcher(specification).matches()) {
                missing.add(specification);
              } else {
                computed.put(attribute, specification);
              }
            });
    if (!missing.isEmpty()) {
      throw new SourceFileException(
          new RecordProblem(
              headerLocation,
              null,
              "the header lacks the configured column"
                  + (missing.size() == 1 ? " " : "s ")
                  + String.join(", ", missing)
                  + " (source '"
                  + source.name()
                  + "'; the header has "
                  + String.join(", ", header)
                  + ")"
                  + (undecodableHeader.isEmpty()
                      ? ""
                      : "; " + undecodable(undecodableHeader.get(0), headerLocation.line()))));
    }
    Map<String, CompiledExpression> expressions = new LinkedHashMap<>();
    if (!computed.isEmpty()) {
      ExpressionEnvironment environment =
          ExpressionEnvironment.of(
              columns.stream()
                  .filter(column -> IDENTIFIER.matcher(column).matches())
                  .collect(Collectors.toSet()));
      computed.forEach(
          (attribute, expression) -> {
            try {
              expressions.put(attribute, environment.compileExpression(expression));
            } catch (ExpressionException e) {
              throw new SourceFileException(
                  new RecordProblem(
                      headerLocation,
                      null,
                      "sources."
                          + source.name()
                          + ".attributes."
                          + attribute
                          + ": "
                          + e.getMessage()),
                  e);
            }
          });
    }
    Set<String> checked = new LinkedHashSet<>(plain.values());
    if (lifecycle != null) {
      checked.add(lifecycle.statusColumn());
      checked.add(lifecycle.startDateColumn());
      lifecycle.endDate().ifPresent(checked::add);
    }
    return new Mapping(List.copyOf(header), plain, expressions, checked);
  }

  /**
   * For example {@code byte 0xE9 is not valid UTF-8; if the file is in another encoding, set
   * sources.hr.encoding (for example ISO-8859-1 or windows-1252)}, naming the line when it is not
   * {@code rowLine}.
   */
  private String undecodable(Undecodable sequence, long rowLine) {
    return (sequence.bytes().indexOf(' ') < 0 ? "byte " : "bytes ")
        + sequence.bytes()
        + (sequence.bytes().indexOf(' ') < 0 ? " is" : " are")
        + " not valid "
        + source.encoding().name()
        + (sequence.line() == rowLine ? "" : " (line " + sequence.line() + ")")
        + "; if the file is in another encoding, set sources."
        + source.name()
        + ".encoding (for example ISO-8859-1 or windows-1252)";
  }

  /**
   * What is wrong with a value that would reach an identity attribute, if anything: a forbidden
   * control character or a replacement character ({@code cause}: the undecodable bytes it stands
   * for, if known).
   */
  private Optional<String> unusable(String value, @Nullable Undecodable cause, long rowLine) {
    if (value.indexOf(StrictDecodingReader.REPLACEMENT) >= 0) {
      return Optional.of(
          cause != null
              ? undecodable(cause, rowLine)
              : "contains the replacement character U+FFFD (a character lost in an earlier"
                  + " conversion)");
    }
    OptionalInt control = ControlCharacters.first(value);
    if (control.isEmpty()) {
      return Optional.empty();
    }
    String problem = ControlCharacters.describe(control.getAsInt());
    if (ControlCharacters.isC1(control.getAsInt())
        && source.encoding().equals(StandardCharsets.ISO_8859_1)) {
      problem +=
          "; if the file is windows-1252, set sources." + source.name() + ".encoding: windows-1252";
    }
    return Optional.of(problem);
  }

  private static void requireColumn(Set<String> columns, String column, Set<String> missing) {
    if (!columns.contains(column)) {
      missing.add(column);
    }
  }

  /**
   * How the attributes of a row are computed, fixed once the header is known.
   *
   * @param header the column names, in file order
   * @param plain identity attribute to the column that feeds it
   * @param expressions identity attribute to the expression that computes it
   * @param checked the columns whose values reach an identity attribute or the lifecycle: checked
   *     for undecodable bytes and control characters
   */
  private record Mapping(
      List<String> header,
      Map<String, String> plain,
      Map<String, CompiledExpression> expressions,
      Set<String> checked) {

    int width() {
      return header.size();
    }

    /** The source column feeding an attribute, if it is a plain column mapping. */
    @Nullable String columnOf(String attribute) {
      return plain.get(attribute);
    }
  }

  /** Produces rows from the parser, tracking physical line numbers and seen keys. */
  private final class RowReader extends Spliterators.AbstractSpliterator<SourceRow> {

    private final String fileName;
    private final CSVParser parser;
    private final StrictDecodingReader decoder;
    private final Iterator<CSVRecord> records;
    private final Mapping mapping;
    private final Map<String, Long> firstLineOfKey = new HashMap<>();
    private long nextLine;
    private boolean finished;

    RowReader(String fileName, CSVParser parser, StrictDecodingReader decoder, Mapping mapping) {
      super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
      this.fileName = fileName;
      this.parser = parser;
      this.decoder = decoder;
      this.records = parser.iterator();
      this.mapping = mapping;
      this.nextLine = parser.getCurrentLineNumber() + 1;
    }

    @Override
    public boolean tryAdvance(Consumer<? super SourceRow> action) {
      while (!finished) {
        long line = nextLine;
        CSVRecord record;
        try {
          if (!records.hasNext()) {
            finished = true;
            return false;
          }
          record = records.next();
        } catch (UncheckedIOException | IllegalStateException e) {
          finished = true;
          action.accept(
              SourceRow.rejected(
                  new RecordLocation(fileName, line),
                  null,
                  List.of(
                      new RecordProblem(
                          new RecordLocation(fileName, line),
                          null,
                          "the file cannot be parsed from here on: " + rootMessage(e)))));
          return true;
        }
        long lastLine = parser.getCurrentLineNumber();
        nextLine = lastLine + 1;
        List<Undecodable> undecodable = decoder.takeThrough(lastLine);
        if (record.size() == 1 && record.get(0).isBlank() && mapping.width() != 1) {
          continue;
        }
        action.accept(toRow(new RecordLocation(fileName, line), record, undecodable));
        return true;
      }
      return false;
    }

    private SourceRow toRow(
        RecordLocation location, CSVRecord record, List<Undecodable> undecodable) {
      if (record.size() != mapping.width()) {
        return SourceRow.rejected(
            location,
            null,
            List.of(
                new RecordProblem(
                    location,
                    null,
                    "the row has "
                        + record.size()
                        + " fields but the header has "
                        + mapping.width())));
      }
      List<RecordProblem> unusable = unusableFields(location, record, undecodable);
      if (!unusable.isEmpty()) {
        return SourceRow.rejected(location, usableKey(record), unusable);
      }
      Map<String, String> row = new HashMap<>();
      record
          .toMap()
          .forEach((column, value) -> row.put(column, value == null ? "" : value.strip()));
      List<RecordProblem> problems = new ArrayList<>();
      Employment employment = employmentColumns.employment(location, row, problems);
      Map<String, String> attributes = attributes(location, row, problems);
      String keyAttribute = source.key();
      String key = attributes.get(keyAttribute);
      if (key == null) {
        problems.add(
            new RecordProblem(
                location,
                mapping.columnOf(keyAttribute),
                "the key attribute " + keyAttribute + " is empty"));
      } else {
        Long firstLine = firstLineOfKey.putIfAbsent(key, location.line());
        if (firstLine != null) {
          problems.add(
              new RecordProblem(
                  location,
                  mapping.columnOf(keyAttribute),
                  "duplicate "
                      + keyAttribute
                      + " \""
                      + key
                      + "\": already on line "
                      + firstLine
                      + "; the first row is used"));
        }
      }
      for (String required : new TreeSet<>(source.requiredAttributes())) {
        if (!required.equals(keyAttribute) && !attributes.containsKey(required)) {
          problems.add(
              new RecordProblem(
                  location,
                  mapping.columnOf(required),
                  "the required attribute " + required + " is empty"));
        }
      }
      if (!problems.isEmpty() || (employment == null && source.lifecycle() != null)) {
        return SourceRow.rejected(location, key, problems);
      }
      return SourceRow.accepted(
          new SourceRecord(source.name(), location, attributes, employment), key);
    }

    /**
     * The problems of the checked fields: undecodable bytes (each replacement character is matched,
     * in file order, with the undecodable sequence it stands for) and control characters.
     */
    private List<RecordProblem> unusableFields(
        RecordLocation location, CSVRecord record, List<Undecodable> undecodable) {
      List<RecordProblem> problems = new ArrayList<>();
      int replacementsBefore = 0;
      for (int index = 0; index < record.size(); index++) {
        String value = record.get(index);
        @Nullable Undecodable cause =
            replacementsBefore < undecodable.size() ? undecodable.get(replacementsBefore) : null;
        replacementsBefore += replacements(value);
        String column = mapping.header().get(index);
        if (mapping.checked().contains(column)) {
          unusable(value, cause, location.line())
              .ifPresent(problem -> problems.add(new RecordProblem(location, column, problem)));
        }
      }
      return problems;
    }

    /** The row's key value when its column is a plain one and the value is usable, else null. */
    private @Nullable String usableKey(CSVRecord record) {
      String column = mapping.columnOf(source.key());
      if (column == null || !record.isMapped(column)) {
        return null;
      }
      String value = record.get(column).strip();
      return value.isEmpty() || unusable(value, null, 0).isPresent() ? null : value;
    }

    private Map<String, String> attributes(
        RecordLocation location, Map<String, String> row, List<RecordProblem> problems) {
      Map<String, String> attributes = new TreeMap<>();
      mapping
          .plain()
          .forEach(
              (attribute, column) -> {
                String value = row.get(column);
                if (value != null && !value.isEmpty()) {
                  attributes.put(attribute, employmentColumns.normalized(column, value));
                }
              });
      mapping
          .expressions()
          .forEach(
              (attribute, expression) -> {
                try {
                  String value = expression.evaluate(row).strip();
                  Optional<String> problem = unusable(value, null, location.line());
                  if (problem.isPresent()) {
                    problems.add(
                        new RecordProblem(
                            location, null, "attribute " + attribute + ": " + problem.get()));
                  } else if (!value.isEmpty()) {
                    attributes.put(attribute, value);
                  }
                } catch (ExpressionException e) {
                  problems.add(
                      new RecordProblem(
                          location, null, "attribute " + attribute + ": " + e.getMessage()));
                }
              });
      return attributes;
    }
  }

  private static int replacements(String value) {
    int count = 0;
    for (int index = 0; index < value.length(); index++) {
      if (value.charAt(index) == StrictDecodingReader.REPLACEMENT) {
        count++;
      }
    }
    return count;
  }

  private static Reader withoutByteOrderMark(Reader reader) throws IOException {
    PushbackReader pushback = new PushbackReader(reader, 1);
    int first = pushback.read();
    if (first != -1 && first != '\uFEFF') {
      pushback.unread(first);
    }
    return pushback;
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // closing a read-only file: nothing to recover
    }
  }
}
