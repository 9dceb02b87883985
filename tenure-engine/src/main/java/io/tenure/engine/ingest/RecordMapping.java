package io.tenure.engine.ingest;

import io.tenure.core.expression.CompiledExpression;
import io.tenure.core.expression.ExpressionEnvironment;
import io.tenure.core.expression.ExpressionException;
import io.tenure.core.identity.Employment;
import io.tenure.core.source.ControlCharacters;
import io.tenure.core.source.RecordLocation;
import io.tenure.core.source.RecordProblem;
import io.tenure.core.source.SourceRecord;
import io.tenure.engine.configuration.SourceConnection;
import io.tenure.engine.configuration.SourceDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Maps records that arrive as column values (a table's row, a directory entry's attributes) to
 * {@link SourceRow}s by a source's {@code attributes}, {@code key}, {@code requiredAttributes} and
 * {@code lifecycle}: for the readers of sources that are not CSV files, the mapping {@link
 * CsvSourceReader} gives a file's rows. Column names are matched ignoring case.
 *
 * <p>Each configured identity attribute is fed by the column of that name or, when the mapping is
 * not a column name, by a CEL expression over the record's columns. Values are trimmed; blank
 * values are absent. A record is rejected, with one {@link RecordProblem} per fault naming its
 * location and the column when one is to blame, when: a value it uses holds a control character
 * other than tab, line feed and carriage return, or the replacement character U+FFFD; its key
 * attribute or a required attribute is empty; its status is not one of the configured status
 * values; a date is not a real date in the configured format (an ISO date, {@code 2026-03-31}, is
 * accepted too: readers give typed date columns so); an expression fails; or its key value was
 * already read in this read (the first record is used).
 *
 * <p>One mapping serves one read: it remembers the keys it saw. Not thread-safe.
 */
public final class RecordMapping {

  private static final Pattern IDENTIFIER = Pattern.compile("[_a-zA-Z][_a-zA-Z0-9]*");

  /** An LDAP attribute description: a name and options (RFC 4512). */
  private static final Pattern ATTRIBUTE_DESCRIPTION =
      Pattern.compile("[A-Za-z][A-Za-z0-9-]*(;[A-Za-z0-9-]+)*");

  private final SourceDefinition source;
  private final Map<String, String> plain;
  private final Map<String, CompiledExpression> expressions;
  private final SortedSet<String> columnsRead;
  private final EmploymentColumns employmentColumns;
  private final Map<String, String> firstOfKey = new HashMap<>();

  private RecordMapping(
      SourceDefinition source,
      Map<String, String> plain,
      Map<String, CompiledExpression> expressions,
      SortedSet<String> columnsRead) {
    this.source = source;
    this.plain = plain;
    this.expressions = expressions;
    this.columnsRead = Collections.unmodifiableSortedSet(columnsRead);
    this.employmentColumns = EmploymentColumns.of(source, true);
  }

  /**
   * The mapping of a source whose records have these columns.
   *
   * @param columns the columns every record has (a table's), or empty when each record brings its
   *     own (a directory entry, where an attribute the entry lacks is an absent value); then a
   *     mapping that is an LDAP attribute name is a column, anything else an expression
   * @throws SourceFileException located at the source's origin, when a configured column is not
   *     among the columns, or a mapping expression does not compile
   */
  public static RecordMapping of(SourceDefinition source, Optional<Set<String>> columns) {
    RecordLocation origin = RecordLocation.named("", describe(source));
    Map<String, String> known = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    columns.ifPresent(names -> names.forEach(name -> known.put(name, name)));
    Set<String> missing = new TreeSet<>();
    Map<String, String> plain = new LinkedHashMap<>();
    Map<String, String> computed = new LinkedHashMap<>();
    source
        .attributes()
        .forEach(
            (attribute, specification) -> {
              if (columns.isEmpty()) {
                if (ATTRIBUTE_DESCRIPTION.matcher(specification).matches()) {
                  plain.put(attribute, specification);
                } else {
                  computed.put(attribute, specification);
                }
              } else if (known.containsKey(specification)) {
                plain.put(attribute, known.get(specification));
              } else if (IDENTIFIER.matcher(specification).matches()) {
                missing.add(specification);
              } else {
                computed.put(attribute, specification);
              }
            });
    SortedSet<String> read = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    read.addAll(plain.values());
    source
        .lifecycleColumns()
        .ifPresent(
            lifecycle -> {
              List<String> needed = new ArrayList<>();
              needed.add(lifecycle.statusColumn());
              needed.add(lifecycle.startDateColumn());
              lifecycle.endDate().ifPresent(needed::add);
              for (String column : needed) {
                if (columns.isPresent() && !known.containsKey(column)) {
                  missing.add(column);
                }
                read.add(column);
              }
            });
    if (!missing.isEmpty()) {
      throw new SourceFileException(
          new RecordProblem(
              origin,
              null,
              "lacks the configured column"
                  + (missing.size() == 1 ? " " : "s ")
                  + String.join(", ", missing)
                  + " (source '"
                  + source.name()
                  + "'; it has "
                  + String.join(", ", new TreeSet<>(known.values()))
                  + ")"));
    }
    Map<String, CompiledExpression> expressions = new LinkedHashMap<>();
    computed.forEach(
        (attribute, expression) -> {
          try {
            Set<String> variables = new TreeSet<>();
            if (columns.isPresent()) {
              known.values().stream()
                  .filter(column -> IDENTIFIER.matcher(column).matches())
                  .forEach(variables::add);
            } else {
              variables.addAll(ExpressionEnvironment.referencedNames(expression));
            }
            CompiledExpression compiled =
                ExpressionEnvironment.of(variables).compileExpression(expression);
            expressions.put(attribute, compiled);
            read.addAll(ExpressionEnvironment.referencedNames(expression));
          } catch (ExpressionException | IllegalArgumentException e) {
            throw new SourceFileException(
                new RecordProblem(
                    origin,
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
    return new RecordMapping(source, plain, expressions, read);
  }

  /**
   * The columns the mapping reads: those that feed attributes, those expressions read, and the
   * lifecycle's; a reader may fetch only these.
   */
  public SortedSet<String> columnsRead() {
    return columnsRead;
  }

  /**
   * Maps a record located by its key value: {@code origin:key} ({@code hr_people:E1001}), or {@code
   * origin:row N} when it has no usable key.
   *
   * @param row the record's 1-based position in this read, for a record without a key
   * @param values the record's values by column name (null and blank values are absent)
   */
  public SourceRow mapKeyed(long row, Map<String, @Nullable String> values) {
    return map(
        key -> RecordLocation.named(source.origin(), key == null ? "row " + row : key), values);
  }

  /**
   * Maps a record at a known location (a directory entry's DN).
   *
   * @param values the record's values by column name (null and blank values are absent)
   */
  public SourceRow map(RecordLocation location, Map<String, @Nullable String> values) {
    return map(key -> location, values);
  }

  private SourceRow map(
      Function<@Nullable String, RecordLocation> locate, Map<String, @Nullable String> values) {
    Map<String, String> row = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    values.forEach((column, value) -> row.put(column, value == null ? "" : value.strip()));
    String plainKey = usableKey(row);
    List<RecordProblem> unusable = new ArrayList<>();
    RecordLocation early = locate.apply(plainKey);
    for (String column : columnsRead) {
      String value = row.get(column);
      if (value != null) {
        unusableProblem(value)
            .ifPresent(problem -> unusable.add(new RecordProblem(early, column, problem)));
      }
    }
    if (!unusable.isEmpty()) {
      return SourceRow.rejected(early, plainKey, unusable);
    }
    List<RecordProblem> problems = new ArrayList<>();
    Map<String, String> attributes = attributes(row, problems);
    String key = attributes.get(source.key());
    RecordLocation location = locate.apply(key);
    problems.replaceAll(
        problem -> new RecordProblem(location, problem.column(), problem.message()));
    Employment employment = employmentColumns.employment(location, row, problems);
    if (key == null) {
      problems.add(
          new RecordProblem(
              location,
              plain.get(source.key()),
              "the key attribute " + source.key() + " is empty"));
    } else {
      String first = firstOfKey.putIfAbsent(key, location.toString());
      if (first != null) {
        problems.add(
            new RecordProblem(
                location,
                plain.get(source.key()),
                "duplicate "
                    + source.key()
                    + " \""
                    + key
                    + "\": already read"
                    + (first.equals(location.toString()) ? "" : " at " + first)
                    + "; the first record is used"));
      }
    }
    for (String required : new TreeSet<>(source.requiredAttributes())) {
      if (!required.equals(source.key()) && !attributes.containsKey(required)) {
        problems.add(
            new RecordProblem(
                location, plain.get(required), "the required attribute " + required + " is empty"));
      }
    }
    if (!problems.isEmpty() || (employment == null && source.lifecycle() != null)) {
      return SourceRow.rejected(location, key, problems);
    }
    return SourceRow.accepted(
        new SourceRecord(source.name(), location, attributes, employment), key);
  }

  private @Nullable String usableKey(Map<String, String> row) {
    String column = plain.get(source.key());
    String value = column == null ? null : row.get(column);
    return value == null || value.isEmpty() || unusableProblem(value).isPresent() ? null : value;
  }

  private Map<String, String> attributes(Map<String, String> row, List<RecordProblem> problems) {
    Map<String, String> attributes = new TreeMap<>();
    RecordLocation unknown = RecordLocation.named("", "");
    plain.forEach(
        (attribute, column) -> {
          String value = row.get(column);
          if (value != null && !value.isEmpty()) {
            attributes.put(attribute, value);
          }
        });
    expressions.forEach(
        (attribute, expression) -> {
          try {
            String value = expression.evaluate(row).strip();
            Optional<String> problem = unusableProblem(value);
            if (problem.isPresent()) {
              problems.add(
                  new RecordProblem(
                      unknown, null, "attribute " + attribute + ": " + problem.get()));
            } else if (!value.isEmpty()) {
              attributes.put(attribute, value);
            }
          } catch (ExpressionException e) {
            problems.add(
                new RecordProblem(unknown, null, "attribute " + attribute + ": " + e.getMessage()));
          }
        });
    return attributes;
  }

  /** What makes a value unusable, if anything: a control character or U+FFFD. */
  private static Optional<String> unusableProblem(String value) {
    if (value.indexOf('\uFFFD') >= 0) {
      return Optional.of(
          "contains the replacement character U+FFFD (a character lost in an earlier conversion)");
    }
    OptionalInt control = ControlCharacters.first(value);
    return control.isEmpty()
        ? Optional.empty()
        : Optional.of(ControlCharacters.describe(control.getAsInt()));
  }

  /** How messages name the source as a whole: {@code table hr_people}. */
  private static String describe(SourceDefinition source) {
    return source.sourceConnection().map(SourceConnection::describe).orElse(source.origin());
  }
}
