package io.tenure.governance.request;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook delivery: {@code sha256=} and the hex HMAC-SHA256, under the webhook's
 * secret, of {@code <timestamp>.<body>} (the timestamp in epoch seconds, sent as {@code
 * X-Tenure-Timestamp}). A receiver recomputes it, compares in constant time ({@link #matches}) and
 * refuses old timestamps, so that a captured delivery cannot be replayed later.
 */
public final class WebhookSignature {

  private WebhookSignature() {}

  /** {@code sha256=<hex>} of {@code timestamp + "." + body}. */
  public static String sign(String secret, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return "sha256=" + HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Whether a presented signature is the one of this delivery (compared in constant time). */
  public static boolean matches(String secret, long timestamp, String body, String presented) {
    return MessageDigest.isEqual(
        sign(secret, timestamp, body).getBytes(StandardCharsets.UTF_8),
        presented.getBytes(StandardCharsets.UTF_8));
  }
}
