package io.tenure.server.request;

import io.tenure.engine.configuration.NotificationSettings;
import io.tenure.governance.request.AccessRequest;
import io.tenure.governance.request.RequestNotifier;
import io.tenure.governance.request.WebhookOutbox;
import io.tenure.governance.request.WebhookOutbox.Delivery;
import io.tenure.governance.request.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Signed webhooks for request and access events through the durable outbox: each event is stored
 * for every webhook that wants it, then POSTed at once; a failed delivery (no answer, or not 2xx)
 * is retried with exponential backoff (30 s doubling up to 1 h) by the scheduled work and {@code
 * tenure request work}, and parked after {@value #MAX_ATTEMPTS} attempts ({@code tenure request
 * webhooks} lists them).
 */
final class WebhookNotifier implements RequestNotifier {

  static final int MAX_ATTEMPTS = 10;
  private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final Map<String, NotificationSettings.Webhook> webhooks;
  private final WebhookOutbox outbox;
  private final Clock clock;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  WebhookNotifier(NotificationSettings settings, WebhookOutbox outbox, Clock clock) {
    this.webhooks =
        settings.webhooks().stream()
            .collect(Collectors.toMap(NotificationSettings.Webhook::name, Function.identity()));
    this.outbox = outbox;
    this.clock = clock;
  }

  @Override
  public void notify(Kind kind, AccessRequest request, List<String> recipients, String text) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("event", kind.event());
    body.put("at", clock.instant().toString());
    body.put("text", text);
    ObjectNode node = body.putObject("request");
    node.put("id", request.id().value());
    node.put("state", request.state().label());
    node.put("role", request.role().value());
    node.put("beneficiary", request.beneficiaryEmployeeId());
    node.put("requester", request.requester());
    node.put("until", request.until() == null ? null : request.until().toString());
    node.put("sodException", request.sodRule());
    String json = MAPPER.writeValueAsString(body);
    for (NotificationSettings.Webhook webhook : webhooks.values()) {
      if (webhook.wants(kind.event())) {
        long id = outbox.add(webhook.name(), kind.event(), json, clock.instant());
        attempt(
            new Delivery(
                id, webhook.name(), kind.event(), json, "PENDING", 0, clock.instant(), ""));
      }
    }
  }

  /** Tries the deliveries that are due; returns how many were delivered. */
  int deliverDue() {
    int delivered = 0;
    for (Delivery delivery : outbox.due(clock.instant(), 100)) {
      if (attempt(delivery)) {
        delivered++;
      }
    }
    return delivered;
  }

  private boolean attempt(Delivery delivery) {
    NotificationSettings.Webhook webhook = webhooks.get(delivery.webhook());
    Instant now = clock.instant();
    if (webhook == null) {
      outbox.failed(
          delivery.id(), "no webhook named " + delivery.webhook() + " is configured", now, null);
      return false;
    }
    long timestamp = now.getEpochSecond();
    String error;
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(webhook.url()))
                  .timeout(Duration.ofSeconds(10))
                  .header("Content-Type", "application/json")
                  .header("X-Tenure-Event", delivery.event())
                  .header("X-Tenure-Delivery", String.valueOf(delivery.id()))
                  .header("X-Tenure-Timestamp", String.valueOf(timestamp))
                  .header(
                      "X-Tenure-Signature",
                      WebhookSignature.sign(webhook.secret(), timestamp, delivery.body()))
                  .POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 == 2) {
        outbox.delivered(delivery.id(), now);
        return true;
      }
      error = "HTTP " + response.statusCode();
    } catch (java.io.IOException e) {
      error = e.getClass().getSimpleName() + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = "interrupted";
    }
    int attempts = delivery.attempts() + 1;
    Instant next =
        attempts >= MAX_ATTEMPTS
            ? null
            : now.plus(
                Duration.ofSeconds(30L << Math.min(attempts - 1, 7)).compareTo(Duration.ofHours(1))
                        > 0
                    ? Duration.ofHours(1)
                    : Duration.ofSeconds(30L << Math.min(attempts - 1, 7)));
    outbox.failed(delivery.id(), error, now, next);
    LOG.warn(
        "webhook {} delivery {} of {} failed ({}); {}",
        webhook.name(),
        delivery.id(),
        delivery.event(),
        error,
        next == null ? "parked" : "retried at " + next);
    return false;
  }
}
