package io.tenure.configuration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** A YAML document as a tree whose every node knows its line and column. */
final class YamlTree {

  private YamlTree() {}

  /** A position in the file, 1-based. */
  record Location(int line, int column) {}

  sealed interface Node permits MapNode, ListNode, ScalarNode {
    Location location();

    /** What a person would call this kind of node. */
    String describe();
  }

  /** A key of a mapping with its position. */
  record Key(String name, Location location) {}

  record Entry(Key key, Node value) {}

  record MapNode(Map<String, Entry> entries, Location location) implements Node {
    MapNode {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    @Override
    public String describe() {
      return "a mapping";
    }
  }

  record ListNode(List<Node> items, Location location) implements Node {
    ListNode {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }

  /** A scalar; its text is null for YAML's null ({@code ~} or nothing). */
  record ScalarNode(@Nullable String text, Location location) implements Node {
    @Override
    public String describe() {
      return text == null ? "empty" : "a single value";
    }
  }

  /** A syntax problem in the YAML text itself. */
  static final class SyntaxException extends RuntimeException {
    private final Location location;

    SyntaxException(String message, Location location) {
      super(message);
      this.location = location;
    }

    Location location() {
      return location;
    }
  }

  /** Parses the text; an empty document is an empty mapping. */
  static Node parse(String yaml) {
    YAMLMapper mapper = YAMLMapper.builder().build();
    try (JsonParser parser = mapper.createParser(yaml)) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        return new MapNode(Map.of(), new Location(1, 1));
      }
      return read(parser);
    } catch (JacksonException e) {
      TokenStreamLocation where = e.getLocation();
      Location location =
          where == null ? new Location(1, 1) : new Location(where.getLineNr(), where.getColumnNr());
      throw new SyntaxException("not valid YAML: " + e.getOriginalMessage(), location);
    }
  }

  private static Node read(JsonParser parser) {
    Location location = locate(parser);
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      Map<String, Entry> entries = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
        Key key = new Key(parser.currentName(), locate(parser));
        parser.nextToken();
        Node value = read(parser);
        if (entries.containsKey(key.name())) {
          throw new SyntaxException("duplicate key '" + key.name() + "'", key.location());
        }
        entries.put(key.name(), new Entry(key, value));
      }
      return new MapNode(entries, location);
    }
    if (token == JsonToken.START_ARRAY) {
      List<Node> items = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        items.add(read(parser));
      }
      return new ListNode(items, location);
    }
    if (token == JsonToken.VALUE_NULL) {
      return new ScalarNode(null, location);
    }
    return new ScalarNode(parser.getString(), location);
  }

  private static Location locate(JsonParser parser) {
    TokenStreamLocation where = parser.currentTokenLocation();
    return new Location(where.getLineNr(), where.getColumnNr());
  }
}
