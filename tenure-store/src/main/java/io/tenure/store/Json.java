package io.tenure.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The JSON conversions of the jsonb columns. */
final class Json {

  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
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

  Map<String, String> readMap(@Nullable String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    return new TreeMap<>(mapper.readValue(json, STRING_MAP));
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
