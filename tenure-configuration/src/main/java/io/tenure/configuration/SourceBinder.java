package io.tenure.configuration;

import static io.tenure.configuration.NodeReader.quote;

import io.tenure.configuration.YamlTree.Key;
import io.tenure.configuration.YamlTree.Node;
import io.tenure.engine.configuration.LifecycleColumns;
import io.tenure.engine.configuration.SourceDefinition;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code sources.NAME}: an authoritative feed (a CSV file for now, in {@code encoding}, UTF-8 by
 * default), the identity attributes it feeds, the keys it correlates on and its {@linkplain
 * SourceLifecycleBinder lifecycle columns}. Every identity attribute it names is declared to the
 * {@link ExpressionCheck}, even when the source has problems, so that expressions are not reported
 * for naming it.
 */
final class SourceBinder {

  private static final Set<String> KEYS =
      Set.of(
          "type",
          "file",
          "encoding",
          "key",
          "fallbackKeys",
          "attributes",
          "requiredAttributes",
          "lifecycle");

  private final NodeReader reader;
  private final Path folder;
  private final ExpressionCheck expressions;

  /**
   * @param folder the folder the source's file resolves against
   */
  SourceBinder(NodeReader reader, Path folder, ExpressionCheck expressions) {
    this.reader = reader;
    this.folder = folder;
    this.expressions = expressions;
  }

  /** The source named {@code name}, or {@code null} when it has problems that make it unusable. */
  @Nullable SourceDefinition bind(String name, Node node) {
    MappingReader source = reader.mapping(node, "sources." + name);
    if (source == null) {
      return null;
    }
    source.onlyKeys(KEYS);
    String type = source.optionalString("type");
    if (type == null) {
      type = "csv";
    } else if (!type.equals("csv")) {
      source.problemAt("type", quote(type) + " is not a source type Tenure knows (csv)");
    }
    String file = source.requiredString("file");
    Charset encoding = StandardCharsets.UTF_8;
    String encodingName = source.optionalString("encoding");
    if (encodingName != null) {
      try {
        encoding = SourceDefinition.encodingNamed(encodingName);
      } catch (IllegalArgumentException e) {
        source.problemAt("encoding", e.getMessage());
      }
    }
    String key = source.requiredString("key");
    List<String> fallbackKeys = source.optionalStrings("fallbackKeys");
    Map<String, String> attributes = source.stringMap("attributes", true);
    for (Key attribute : source.keysUnder("attributes")) {
      expressions.declare(
          attribute.name(),
          attribute.location(),
          source.pathOf("attributes") + "." + attribute.name());
    }
    List<String> required = source.optionalStrings("requiredAttributes");
    if (key != null && !attributes.isEmpty() && !attributes.containsKey(key)) {
      source.problemAt(
          "key", quote(key) + " is not one of the source's attributes " + attributes.keySet());
    }
    if (fallbackKeys != null) {
      for (String fallback : fallbackKeys) {
        if (!attributes.isEmpty() && !attributes.containsKey(fallback)) {
          source.problemAt(
              "fallbackKeys",
              quote(fallback) + " is not one of the source's attributes " + attributes.keySet());
        }
      }
    }
    LifecycleColumns lifecycle = SourceLifecycleBinder.bind(source);
    if (file == null || key == null || lifecycle == null) {
      return null;
    }
    return new SourceDefinition(
        name,
        type,
        folder.resolve(file).normalize(),
        key,
        fallbackKeys == null ? List.of() : fallbackKeys,
        attributes,
        required == null ? Set.of() : new LinkedHashSet<>(required),
        lifecycle,
        encoding);
  }
}
