package io.tenure.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.engine.audit.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The canonical form the chain is hashed over must never change: records chained by earlier
 * versions are verified with it. It is compared here with the form those versions wrote (a Jackson
 * tree of the fields, details in key order) and with a literal.
 */
class AuditRecordFormTest {

  private static final byte[] KEY = HexFormat.of().parseHex("01".repeat(32));
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final Instant AT = Instant.parse("2026-03-01T10:15:30.123456789Z");

  private final AuditRecordForm form =
      new AuditRecordForm(new Json(MAPPER), AuditSealing.of(KEY, null));

  @Test
  void theCanonicalFormIsTheOneEarlierVersionsWrote() {
    Map<String, String> unordered = new LinkedHashMap<>();
    unordered.put("zeta", "last");
    unordered.put("alpha", "quote \" backslash \\ slash /");
    unordered.put("mid", "tab\tnewline\nreturn\r control \u0001 escape \u001b");
    unordered.put("unicode", "Zoë Ångström 日本 \uD83D\uDE00 \u2028");
    List<AuditEvent> events =
        List.of(
            new AuditEvent(
                AT, "hr-import:hr", "identity.joiner", "identity 1", "a", "success", unordered),
            new AuditEvent(AT, "", "x", "", "", "", Map.of()),
            new AuditEvent(AT, "é\"", "<script>", "\\", "\u0000\u007f", "ok", Map.of("k", "")));
    for (AuditEvent event : events) {
      for (long sequence : new long[] {1, 42, Long.MAX_VALUE}) {
        assertThat(form.canonical(sequence, event)).isEqualTo(treeForm(sequence, event));
      }
    }
  }

  @Test
  void theCanonicalFormIsFixed() {
    AuditEvent event =
        new AuditEvent(
            AT,
            "cli",
            "identity.mover",
            "identity 7",
            "why",
            "success",
            Map.of("b", "2", "a", "1"));
    assertThat(form.canonical(7, event))
        .isEqualTo(
            "{\"sequence\":7,\"at\":\"2026-03-01T10:15:30.123456Z\",\"actor\":\"cli\","
                + "\"action\":\"identity.mover\",\"subject\":\"identity 7\",\"reason\":\"why\","
                + "\"outcome\":\"success\",\"details\":{\"a\":\"1\",\"b\":\"2\"}}");
    AuditRecordForm.CanonicalEvent written = form.canonicalEvent(event);
    assertThat(written.details()).isEqualTo("{\"a\":\"1\",\"b\":\"2\"}");
    assertThat(written.withSequence(7)).isEqualTo(form.canonical(7, event));
  }

  @Test
  void aHasherGivesEachRecordTheHashOfAFreshHmac() throws Exception {
    AuditSealing sealing = AuditSealing.of(KEY, null);
    AuditSealing.Hasher hasher = sealing.hasher();
    String previous = AuditRecordForm.GENESIS;
    for (int sequence = 1; sequence <= 3; sequence++) {
      String canonical = "{\"sequence\":" + sequence + ",\"é\":\"x\"}";
      String hash = hasher.hash(previous, canonical);
      assertThat(hash).isEqualTo(freshHmac(previous + "\n" + canonical));
      assertThat(sealing.hash(previous, canonical)).isEqualTo(hash);
      previous = hash;
    }
  }

  /** The canonical form as versions before the form was written once computed it. */
  private static String treeForm(long sequence, AuditEvent event) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("sequence", sequence);
    node.put("at", Timestamps.truncate(event.at()).toString());
    node.put("actor", event.actor());
    node.put("action", event.action());
    node.put("subject", event.subject());
    node.put("reason", event.reason());
    node.put("outcome", event.outcome());
    ObjectNode details = node.putObject("details");
    new java.util.TreeMap<>(event.details()).forEach(details::put);
    return MAPPER.writeValueAsString(node);
  }

  private static String freshHmac(String text) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }
}
