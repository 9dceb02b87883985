package io.tenure.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

class JsonTest {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private final Json json = new Json(MAPPER);

  /** Texts that need escaping, in an order that is not sorted, and a null. */
  private static Map<String, String> awkwardTexts() {
    Map<String, String> texts = new LinkedHashMap<>();
    texts.put("plain", "Ada");
    texts.put("quote\"key", "back\\slash \"quoted\" /");
    texts.put("controls", "tab\tline\nreturn\r bell\u0007 escape\u001b unit\u001f");
    texts.put("unicode", "Zoë Ångström 日本 \uD83D\uDE00 \u2028 \u007f");
    texts.put("empty", "");
    texts.put("absent", null);
    return texts;
  }

  @Test
  void aTextMapWrittenDirectlyReadsBackAsTheSameMap() {
    Map<String, String> texts = awkwardTexts();
    Map<String, Object> nested = new TreeMap<>();
    nested.put("hr", texts);
    nested.put("crm", Map.of());

    assertThat(
            MAPPER.readValue(json.writeTextMap(texts), new TypeReference<Map<String, String>>() {}))
        .isEqualTo(texts);
    assertThat(
            MAPPER.readValue(
                json.writeTextMap(nested), new TypeReference<Map<String, Object>>() {}))
        .isEqualTo(nested);
    assertThat(json.writeTextMap(Map.of())).isEqualTo("{}");
  }

  @Test
  void aMapWrittenDirectlyReadsBackSortedWithItsNullsAndEscapes() {
    Map<String, String> texts = awkwardTexts();
    Map<String, String> read = json.readMap(json.writeTextMap(texts));
    assertThat(read).isEqualTo(texts).isInstanceOf(TreeMap.class);
    assertThat(read.keySet()).containsExactlyElementsOf(new java.util.TreeSet<>(texts.keySet()));
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("hr", texts);
    nested.put("crm", Map.of());
    Map<String, Map<String, String>> both = json.readNestedMap(json.writeTextMap(nested));
    assertThat(both).isEqualTo(nested);
    assertThat(both.keySet()).containsExactly("crm", "hr");
    assertThat(json.readMap(null)).isEmpty();
    assertThat(json.readMap(" ")).isEmpty();
    assertThat(json.readNestedMap("{}")).isEmpty();
    assertThat(json.readMap("{\"n\": 12, \"b\": true}"))
        .containsEntry("n", "12")
        .containsEntry("b", "true");
  }

  @Test
  void whatIsNotAnObjectOfTextsIsRefused() {
    assertThatThrownBy(() -> json.readMap("[\"a\"]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> json.readMap("{\"a\": {\"b\": \"c\"}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an object of texts (a)");
    assertThatThrownBy(() -> json.readNestedMap("{\"hr\": \"x\"}"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
