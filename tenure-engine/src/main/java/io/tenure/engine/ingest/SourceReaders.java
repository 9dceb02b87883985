package io.tenure.engine.ingest;

import io.tenure.core.source.RecordLocation;
import io.tenure.core.source.RecordProblem;
import io.tenure.engine.configuration.SourceConnection;
import io.tenure.engine.configuration.SourceDefinition;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The source readers by type: {@code csv} (built in, {@link CsvSourceReader}) and those of the
 * installed {@link SourceReaderFactory}s. Immutable and thread-safe.
 */
public final class SourceReaders {

  private final Map<String, SourceReader> byType;

  private SourceReaders(Map<String, SourceReader> byType) {
    this.byType = Collections.unmodifiableMap(new TreeMap<>(byType));
  }

  /** Only the built-in reader of CSV files. */
  public static SourceReaders builtIn() {
    return new SourceReaders(Map.of(SourceDefinition.CSV, new CsvSource()));
  }

  /**
   * The built-in reader and every {@link SourceReaderFactory} the class loader finds.
   *
   * @throws IllegalStateException if two factories claim one type
   */
  public static SourceReaders load() {
    Map<String, SourceReader> readers = new TreeMap<>(builtIn().byType);
    for (SourceReaderFactory factory : ServiceLoader.load(SourceReaderFactory.class)) {
      if (readers.putIfAbsent(factory.type(), factory.reader()) != null) {
        throw new IllegalStateException(
            "two source readers are installed for the type '" + factory.type() + "'");
      }
    }
    return new SourceReaders(readers);
  }

  /** The built-in reader and these, by type (tests, tools). */
  public static SourceReaders with(Map<String, SourceReader> readers) {
    Map<String, SourceReader> all = new TreeMap<>(builtIn().byType);
    all.putAll(readers);
    return new SourceReaders(all);
  }

  /** The installed source types, sorted. */
  public SortedSet<String> types() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(byType.keySet()));
  }

  /**
   * The reader of the source's type.
   *
   * @throws SourceFileException naming the installed types when none reads this type, or naming the
   *     secret references of the source's settings that could not be resolved
   */
  public SourceReader readerOf(SourceDefinition source) {
    SourceReader reader = byType.get(source.type());
    if (reader == null) {
      throw new SourceFileException(
          new RecordProblem(
              RecordLocation.named("", "source " + source.name()),
              null,
              "no reader of source type '"
                  + source.type()
                  + "' is installed (installed: "
                  + String.join(", ", byType.keySet())
                  + ")"));
    }
    List<String> unresolved =
        source.sourceConnection().map(SourceConnection::unresolvedSecrets).orElse(List.of());
    if (!unresolved.isEmpty()) {
      throw new SourceFileException(
          new RecordProblem(
              RecordLocation.named("", "source " + source.name()),
              null,
              "cannot be read: " + String.join("; ", unresolved)));
    }
    return reader;
  }
}
