package io.tenure.governance.streaming;

import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs each record as JSON to a URL, signed: {@code X-Tenure-Signature: sha256=<hex HMAC-SHA256 of
 * the body under the shared secret>}, with {@code X-Tenure-Delivery: <sequence>} naming the record
 * (the same on a repeated delivery) and {@code X-Tenure-Event: <action>}. The record is taken when
 * the receiver answers 2xx; any other answer, or none within ten seconds, is a failure and the
 * record is sent again later.
 *
 * <p>The body: {@code {"sequence":12,"at":"...","actor":"...","action":"...","subject":"...",
 * "reason":"...","outcome":"...","details":{...},"hash":"..."}}.
 */
public final class WebhookSink implements AuditSink {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI url;
  private final byte[] secret;
  private final HttpClient client;

  public WebhookSink(URI url, String secret) {
    if (secret.isBlank()) {
      throw new IllegalArgumentException("the audit webhook needs a secret to sign with");
    }
    this.url = url;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  @Override
  public String name() {
    return "webhook";
  }

  @Override
  public void send(AuditRecord record) {
    String body = body(record);
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .header("X-Tenure-Delivery", Long.toString(record.sequence()))
            .header("X-Tenure-Event", record.event().action())
            .header("X-Tenure-Signature", "sha256=" + sign(secret, body))
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    HttpResponse<Void> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new DeliveryException(
          "webhook " + url + " did not take record " + record.sequence() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("interrupted while sending record " + record.sequence(), e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new DeliveryException(
          "webhook "
              + url
              + " answered "
              + response.statusCode()
              + " to record "
              + record.sequence());
    }
  }

  /** The hex HMAC-SHA256 of the body under the secret, as a receiver recomputes it. */
  public static String sign(byte[] secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  /** The JSON body of a record (hand-written: the engine has no JSON library). */
  static String body(AuditRecord record) {
    AuditEvent event = record.event();
    StringBuilder json = new StringBuilder("{");
    json.append("\"sequence\":").append(record.sequence());
    field(json, "at", event.at().toString());
    field(json, "actor", event.actor());
    field(json, "action", event.action());
    field(json, "subject", event.subject());
    field(json, "reason", event.reason());
    field(json, "outcome", event.outcome());
    json.append(",\"details\":{");
    boolean first = true;
    for (Map.Entry<String, String> detail : event.details().entrySet()) {
      if (!first) {
        json.append(',');
      }
      first = false;
      string(json, detail.getKey());
      json.append(':');
      string(json, detail.getValue());
    }
    json.append('}');
    field(json, "hash", record.hash());
    return json.append('}').toString();
  }

  private static void field(StringBuilder json, String name, String value) {
    json.append(',');
    string(json, name);
    json.append(':');
    string(json, value);
  }

  static void string(StringBuilder json, String value) {
    json.append('"');
    for (int index = 0; index < value.length(); index++) {
      char character = value.charAt(index);
      switch (character) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (character < 0x20) {
            json.append(String.format("\\u%04x", (int) character));
          } else {
            json.append(character);
          }
        }
      }
    }
    json.append('"');
  }

  @Override
  public String toString() {
    return "webhook " + url;
  }
}
