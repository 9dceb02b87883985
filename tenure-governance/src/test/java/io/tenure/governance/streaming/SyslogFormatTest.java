package io.tenure.governance.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyslogFormatTest {

  private final SyslogFormat format = new SyslogFormat("host1", "tenure");

  @Test
  void aRecordIsAnRfc5424MessageWithItsFactsAsStructuredData() {
    AuditRecord record =
        new AuditRecord(
            12,
            new AuditEvent(
                Instant.parse("2026-01-05T08:00:00Z"),
                "hr-import:hr",
                "identity.joiner",
                "identity 3f2a",
                "joiner from hr",
                "success",
                Map.of("owner", "3f2a", "note", "a \"quoted\" ] \\ value")),
            "abc");

    assertThat(format.message(record))
        .isEqualTo(
            "<109>1 2026-01-05T08:00:00Z host1 tenure - identity.joiner [tenure@32473"
                + " sequence=\"12\" actor=\"hr-import:hr\" subject=\"identity 3f2a\""
                + " outcome=\"success\" hash=\"abc\" note=\"a \\\"quoted\\\" \\] \\\\ value\""
                + " owner=\"3f2a\"] joiner from hr");
  }

  @Test
  void aFailureIsAWarningAndTheFrameCountsOctets() {
    AuditRecord record =
        new AuditRecord(
            1,
            new AuditEvent(
                Instant.parse("2026-01-05T08:00:00Z"), "a", "b c", "Zoë", "r", "failure", Map.of()),
            "h");
    String message = format.message(record);
    assertThat(message).startsWith("<108>1 ").contains(" b_c [");
    byte[] framed = format.framed(record);
    int length = message.getBytes(StandardCharsets.UTF_8).length;
    assertThat(new String(framed, StandardCharsets.UTF_8)).isEqualTo(length + " " + message);
  }

  @Test
  void webhookBodiesAreJsonAndSignedWithTheSecret() {
    AuditRecord record =
        new AuditRecord(
            7,
            new AuditEvent(
                Instant.parse("2026-01-05T08:00:00Z"),
                "a",
                "b",
                "s",
                "line\nbreak",
                "success",
                Map.of("k", "v\"")),
            "h");
    String body = WebhookSink.body(record);
    assertThat(body)
        .isEqualTo(
            "{\"sequence\":7,\"at\":\"2026-01-05T08:00:00Z\",\"actor\":\"a\",\"action\":\"b\","
                + "\"subject\":\"s\",\"reason\":\"line\\nbreak\",\"outcome\":\"success\","
                + "\"details\":{\"k\":\"v\\\"\"},\"hash\":\"h\"}");
    assertThat(WebhookSink.sign("secret".getBytes(StandardCharsets.UTF_8), "{}"))
        .hasSize(64)
        .isNotEqualTo(WebhookSink.sign("other".getBytes(StandardCharsets.UTF_8), "{}"));
  }
}
