package io.tenure.engine.ingest;

import io.tenure.engine.configuration.SourceDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SourceReader} over rows held in memory, as a table would give them: every row has the
 * same columns, each row is located {@code origin:key}. Replace the rows between imports.
 */
final class TableReader implements SourceReader {

  private final Set<String> columns;
  private final List<Map<String, @Nullable String>> rows = new ArrayList<>();

  TableReader(String... columns) {
    this.columns = new LinkedHashSet<>(List.of(columns));
  }

  /** Replaces the rows with these, each the values of the columns in order. */
  TableReader rows(String... rows) {
    this.rows.clear();
    for (String row : rows) {
      String[] values = row.split(",", -1);
      Map<String, @Nullable String> byColumn = new LinkedHashMap<>();
      int index = 0;
      for (String column : columns) {
        byColumn.put(column, index < values.length ? values[index] : null);
        index++;
      }
      this.rows.add(byColumn);
    }
    return this;
  }

  @Override
  public SourceRead open(SourceDefinition source, Optional<String> checkpoint) {
    RecordMapping mapping = RecordMapping.of(source, Optional.of(columns));
    List<SourceRow> mapped = new ArrayList<>();
    long row = 0;
    for (Map<String, @Nullable String> values : rows) {
      mapped.add(mapping.mapKeyed(++row, values));
    }
    return SourceRead.whole(Stream.of(mapped.toArray(SourceRow[]::new)));
  }
}
