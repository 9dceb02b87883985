package io.tenure.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The JSON conversions of the jsonb columns. */
final class Json {

  private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};

  private final JsonMapper mapper;

  Json(JsonMapper mapper) {
    this.mapper = mapper;
  }

  String write(Object value) {
    return mapper.writeValueAsString(value);
  }

  /**
   * A map of texts, or of maps of texts (nested as deep as given), as a JSON object, written
   * directly (no serialiser is looked up and no context made per call: an import writes two per
   * identity). Valid JSON for any text: quotes, backslashes and control characters are escaped; a
   * null value is {@code null}.
   */
  String writeTextMap(Map<String, ?> map) {
    StringBuilder json = new StringBuilder(32 + 32 * map.size());
    appendObject(json, map);
    return json.toString();
  }

  private static void appendObject(StringBuilder json, Map<?, ?> map) {
    json.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!first) {
        json.append(',');
      }
      first = false;
      appendText(json, String.valueOf(entry.getKey()));
      json.append(':');
      Object value = entry.getValue();
      if (value == null) {
        json.append("null");
      } else if (value instanceof Map<?, ?> nested) {
        appendObject(json, nested);
      } else if (value instanceof String text) {
        appendText(json, text);
      } else {
        throw new IllegalArgumentException("not a text or a map of texts: " + value.getClass());
      }
    }
    json.append('}');
  }

  private static void appendText(StringBuilder json, String text) {
    json.append('"');
    for (int index = 0; index < text.length(); index++) {
      char character = text.charAt(index);
      if (character == '"' || character == '\\') {
        json.append('\\').append(character);
      } else if (character < 0x20) {
        json.append(String.format("\\u%04x", (int) character));
      } else {
        json.append(character);
      }
    }
    json.append('"');
  }

  String writeStrings(Collection<String> values) {
    return mapper.writeValueAsString(new TreeSet<>(values));
  }

  /**
   * A JSON object of texts (or nulls; a number or boolean is read as its text) as a sorted map;
   * read with the streaming parser (no deserialiser, no intermediate map: planning reads three per
   * identity). Empty for null or blank.
   *
   * @throws IllegalArgumentException if the JSON is not such an object
   */
  Map<String, String> readMap(@Nullable String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try (JsonParser parser = mapper.createParser(json)) {
      startObject(parser, json);
      Map<String, String> map = new TreeMap<>();
      readTexts(parser, map, json);
      return map;
    }
  }

  /**
   * A JSON object of objects of texts (as {@link #readMap}) as a sorted map of sorted maps. Empty
   * for null or blank.
   *
   * @throws IllegalArgumentException if the JSON is not such an object
   */
  Map<String, Map<String, String>> readNestedMap(@Nullable String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try (JsonParser parser = mapper.createParser(json)) {
      startObject(parser, json);
      Map<String, Map<String, String>> map = new TreeMap<>();
      for (String name = parser.nextName(); name != null; name = parser.nextName()) {
        startObject(parser, json);
        Map<String, String> texts = new TreeMap<>();
        readTexts(parser, texts, json);
        map.put(name, texts);
      }
      return map;
    }
  }

  private static void startObject(JsonParser parser, String json) {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw new IllegalArgumentException("not a JSON object: " + abbreviated(json));
    }
  }

  /** Reads the members of the object just started, through its end. */
  private static void readTexts(JsonParser parser, Map<String, String> into, String json) {
    for (String name = parser.nextName(); name != null; name = parser.nextName()) {
      JsonToken value = parser.nextToken();
      if (value == JsonToken.VALUE_NULL) {
        into.put(name, null);
      } else if (value != null && value.isScalarValue()) {
        into.put(name, parser.getValueAsString());
      } else {
        throw new IllegalArgumentException(
            "not an object of texts (" + name + "): " + abbreviated(json));
      }
    }
  }

  private static String abbreviated(String json) {
    return json.length() <= 80 ? json : json.substring(0, 80) + "...";
  }

  Set<String> readSet(@Nullable String json) {
    if (json == null || json.isBlank()) {
      return Set.of();
    }
    return new TreeSet<>(mapper.readValue(json, STRING_LIST));
  }

  JsonMapper mapper() {
    return mapper;
  }
}
