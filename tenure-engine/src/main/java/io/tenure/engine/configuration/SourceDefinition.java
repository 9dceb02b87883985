package io.tenure.engine.configuration;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An authoritative source of people, for now a CSV file with a header row.
 *
 * @param name the source's name in the configuration
 * @param type the source type ({@code csv})
 * @param file the file, resolved against the configuration file's folder
 * @param key the identity attribute to correlate on first (for example {@code employeeId})
 * @param fallbackKeys identity attributes to correlate on when the key finds nothing
 * @param attributes identity attribute name to the source column that feeds it, in order; a value
 *     that is not a plain column name is a CEL expression over the row's columns
 * @param requiredAttributes identity attributes a row must have; a row without one is rejected
 * @param lifecycle which columns carry employment status and dates
 */
public record SourceDefinition(
    String name,
    String type,
    Path file,
    String key,
    List<String> fallbackKeys,
    Map<String, String> attributes,
    Set<String> requiredAttributes,
    LifecycleColumns lifecycle) {

  public SourceDefinition {
    fallbackKeys = List.copyOf(fallbackKeys);
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    requiredAttributes = Set.copyOf(requiredAttributes);
  }

  /** The same source reading another file (the CLI's {@code --file}). */
  public SourceDefinition withFile(Path newFile) {
    return new SourceDefinition(
        name, type, newFile, key, fallbackKeys, attributes, requiredAttributes, lifecycle);
  }
}
