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
