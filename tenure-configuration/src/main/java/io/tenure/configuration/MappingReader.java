package io.tenure.configuration;

import static io.tenure.configuration.NodeReader.quote;

import io.tenure.configuration.YamlTree.Entry;
import io.tenure.configuration.YamlTree.Key;
import io.tenure.configuration.YamlTree.Location;
import io.tenure.configuration.YamlTree.MapNode;
import io.tenure.configuration.YamlTree.ScalarNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One mapping of the file at its key path, read key by key as typed values. A value that is absent
 * gives the default (or {@code null}); a value that is wrong is a problem at the value naming its
 * key path, and gives the default (or {@code null}), so that binding goes on. Blank values count as
 * absent.
 */
final class MappingReader {

  private final MapNode map;
  private final String path;
  private final NodeReader reader;

  MappingReader(MapNode map, String path, NodeReader reader) {
    this.map = map;
    this.path = path;
    this.reader = reader;
  }

  /** The same mapping known by another key path (a list item once it has a name, say). */
  MappingReader withPath(String newPath) {
    return new MappingReader(map, newPath, reader);
  }

  /** The key path of this mapping (empty for the file's top). */
  String path() {
    return path;
  }

  /** The key path of {@code key} in this mapping. */
  String pathOf(String key) {
    return NodeReader.join(path, key);
  }

  Location location() {
    return map.location();
  }

  /** The entries in file order. */
  Map<String, Entry> entries() {
    return map.entries();
  }

  NodeReader reader() {
    return reader;
  }

  boolean has(String key) {
    return map.entries().containsKey(key);
  }

  /** Where the value of {@code key} is, or where this mapping is when the key is absent. */
  Location valueLocation(String key) {
    Entry entry = map.entries().get(key);
    return entry == null ? map.location() : entry.value().location();
  }

  /**
   * Where the value of {@code child} in the mapping under {@code key} is, or where the value of
   * {@code key} is when that is not a mapping holding {@code child}. Reports nothing.
   */
  Location valueLocation(String key, String child) {
    Entry entry = map.entries().get(key);
    if (entry != null && entry.value() instanceof MapNode inner) {
      Entry childEntry = inner.entries().get(child);
      if (childEntry != null) {
        return childEntry.value().location();
      }
    }
    return valueLocation(key);
  }

  /** The keys of the mapping under {@code key}, in file order; none if it is not a mapping. */
  List<Key> keysUnder(String key) {
    Entry entry = map.entries().get(key);
    if (entry != null && entry.value() instanceof MapNode inner) {
      return inner.entries().values().stream().map(Entry::key).toList();
    }
    return List.of();
  }

  /** Records a problem at the value of {@code key}, naming the key's path. */
  void problemAt(String key, String message) {
    reader.problem(valueLocation(key), pathOf(key), message);
  }

  /** Reports every key that is not {@code allowed}, at the key. */
  void onlyKeys(Set<String> allowed) {
    map.entries()
        .forEach(
            (key, entry) -> {
              if (!allowed.contains(key)) {
                reader.problem(
                    entry.key().location(),
                    pathOf(key),
                    "unknown key; expected one of " + new TreeSet<>(allowed));
              }
            });
  }

  /** The mapping under {@code key}; {@code null} if absent or empty, or if not a mapping. */
  @Nullable MappingReader optionalMapping(String key) {
    Entry entry = map.entries().get(key);
    if (entry == null) {
      return null;
    }
    if (entry.value() instanceof ScalarNode scalar && scalar.text() == null) {
      return null;
    }
    return reader.mapping(entry.value(), pathOf(key));
  }

  /** The mapping under {@code key}; {@code null} after reporting it missing or not a mapping. */
  @Nullable MappingReader requiredMapping(String key) {
    if (!has(key)) {
      reader.problem(map.location(), pathOf(key), "is required");
      return null;
    }
    return reader.mapping(map.entries().get(key).value(), pathOf(key));
  }

  /** The single value of {@code key}; {@code null} if absent or blank, or if not a value. */
  @Nullable String optionalString(String key) {
    Entry entry = map.entries().get(key);
    if (entry == null) {
      return null;
    }
    String value = reader.scalar(entry.value(), pathOf(key));
    return value == null || value.isBlank() ? null : value;
  }

  /** The single value of {@code key}; {@code null} after reporting it missing or empty. */
  @Nullable String requiredString(String key) {
    if (!has(key)) {
      reader.problem(map.location(), pathOf(key), "is required");
      return null;
    }
    String value = optionalString(key);
    if (value == null) {
      problemAt(key, "must not be empty");
    }
    return value;
  }

  /** The values of {@code key} (one value is a list of one); {@code null} if absent or wrong. */
  @Nullable List<String> optionalStrings(String key) {
    Entry entry = map.entries().get(key);
    return entry == null ? null : reader.strings(entry.value(), pathOf(key));
  }

  /**
   * The mapping of single values under {@code key}, in file order; entries without a value are
   * reported and left out. A required mapping must be present and hold at least one entry.
   */
  Map<String, String> stringMap(String key, boolean required) {
    MappingReader inner = required ? requiredMapping(key) : optionalMapping(key);
    Map<String, String> values = new LinkedHashMap<>();
    if (inner == null) {
      return values;
    }
    inner
        .entries()
        .forEach(
            (name, entry) -> {
              String value = reader.scalar(entry.value(), inner.pathOf(name));
              if (value == null || value.isBlank()) {
                reader.problem(entry.value().location(), inner.pathOf(name), "must not be empty");
              } else {
                values.put(name, value);
              }
            });
    if (required && inner.entries().isEmpty()) {
      reader.problem(inner.location(), inner.path(), "must name at least one attribute");
    }
    return values;
  }

  /** The whole number of {@code key}, within {@code minimum..maximum}. */
  int integer(String key, int defaultValue, int minimum, int maximum) {
    String text = optionalString(key);
    if (text == null) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value < minimum || value > maximum) {
        problemAt(
            key,
            value
                + " is outside "
                + minimum
                + ".."
                + (maximum == Integer.MAX_VALUE ? "" : maximum));
        return defaultValue;
      }
      return value;
    } catch (NumberFormatException e) {
      problemAt(key, quote(text) + " is not a whole number");
      return defaultValue;
    }
  }

  /**
   * The ISO-8601 duration of {@code key}. A negative duration is reported and returned, so that a
   * caller may tell it from a valid one.
   */
  Duration duration(String key, Duration defaultValue) {
    String text = optionalString(key);
    if (text == null) {
      return defaultValue;
    }
    try {
      Duration value = Duration.parse(text.trim());
      if (value.isNegative()) {
        problemAt(key, quote(text) + " is negative");
      }
      return value;
    } catch (DateTimeParseException e) {
      problemAt(key, quote(text) + " is not an ISO-8601 duration such as P30D");
      return defaultValue;
    }
  }

  /** The duration of {@code key}, which must be at least {@code minimum}. */
  Duration atLeast(String key, Duration defaultValue, Duration minimum) {
    Duration value = duration(key, defaultValue);
    if (value.compareTo(minimum) < 0) {
      if (!value.isNegative()) {
        problemAt(key, value + " is shorter than the least allowed, " + minimum);
      }
      return defaultValue;
    }
    return value;
  }

  /** The {@code true} or {@code false} of {@code key}, in any case. */
  boolean bool(String key, boolean defaultValue) {
    String text = optionalString(key);
    if (text == null) {
      return defaultValue;
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> {
        problemAt(key, quote(text) + " is not true or false");
        yield defaultValue;
      }
    };
  }
}
