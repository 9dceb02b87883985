package io.tenure.governance.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  @Test
  void signsTimestampDotBodyWithHmacSha256() {
    String signature = WebhookSignature.sign("key", 1_700_000_000L, "{}");
    assertThat(signature).startsWith("sha256=").hasSize(7 + 64);
    assertThat(WebhookSignature.matches("key", 1_700_000_000L, "{}", signature)).isTrue();
    assertThat(WebhookSignature.matches("key", 1_700_000_001L, "{}", signature)).isFalse();
    assertThat(WebhookSignature.matches("other", 1_700_000_000L, "{}", signature)).isFalse();
    assertThat(WebhookSignature.matches("key", 1_700_000_000L, "{ }", signature)).isFalse();
  }

  @Test
  void matchesAVectorComputedElsewhere() {
    // python3: hmac.new(b'key', b'1700000000.{"event":"request.decided"}', sha256).hexdigest()
    assertThat(WebhookSignature.sign("key", 1_700_000_000L, "{\"event\":\"request.decided\"}"))
        .isEqualTo("sha256=c295223f156da0560cb074fd8fa3035e0718c308c0a07dc5d495a953923367ec");
  }
}
