package io.tenure.governance.request;

import java.time.Instant;
import java.util.List;

/**
 * Port: the durable outbox of webhook deliveries. A delivery is stored before it is first tried; a
 * failed attempt is retried later with backoff, and parked after the last attempt, for an operator
 * to see.
 */
public interface WebhookOutbox {

  /**
   * One delivery of one event to one webhook.
   *
   * @param state {@code PENDING}, {@code DELIVERED} or {@code PARKED}
   */
  record Delivery(
      long id,
      String webhook,
      String event,
      String body,
      String state,
      int attempts,
      Instant nextAttempt,
      String lastError) {}

  /** Stores a pending delivery due now; returns its id. */
  long add(String webhook, String event, String body, Instant now);

  /** The pending deliveries due at {@code now}, oldest first. */
  List<Delivery> due(Instant now, int limit);

  void delivered(long id, Instant at);

  /** Records a failed attempt: due again at {@code nextAttempt}, or parked when that is null. */
  void failed(long id, String error, Instant at, @org.jspecify.annotations.Nullable Instant next);

  /** Deliveries in a state ({@code PENDING}, {@code PARKED}, ...), newest first. */
  List<Delivery> inState(String state, int limit);
}
