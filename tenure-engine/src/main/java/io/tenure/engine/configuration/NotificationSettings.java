package io.tenure.engine.configuration;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Whom Tenure tells what ({@code notifications:} and {@code webhooks:} in {@code tenure.yaml}).
 *
 * @param smtp the mail server for e-mails to people, or null for no e-mail
 * @param emailAttribute the identity attribute holding a person's address (default {@code email})
 * @param webhooks the outgoing webhooks, each signed with its secret
 */
public record NotificationSettings(
    @Nullable Smtp smtp, String emailAttribute, List<Webhook> webhooks) {

  /** No e-mail, no webhook. */
  public static final NotificationSettings NONE =
      new NotificationSettings(null, "email", List.of());

  public NotificationSettings {
    Objects.requireNonNull(emailAttribute, "emailAttribute");
    webhooks = List.copyOf(webhooks);
  }

  /**
   * An SMTP server.
   *
   * @param username null for no authentication
   * @param password resolved secret, or null; never printed
   * @param startTls whether to require STARTTLS
   */
  public record Smtp(
      String host,
      int port,
      String from,
      @Nullable String username,
      @Nullable String password,
      boolean startTls) {

    @Override
    public String toString() {
      return "Smtp[" + host + ":" + port + ", from " + from + "]";
    }
  }

  /**
   * An outgoing webhook: each event is POSTed as JSON with the headers {@code X-Tenure-Event},
   * {@code X-Tenure-Timestamp} (epoch seconds) and {@code X-Tenure-Signature: sha256=<hex>}, the
   * HMAC-SHA256 under the secret of {@code <timestamp>.<body>}.
   *
   * @param events the event names it receives; empty for all
   */
  public record Webhook(String name, String url, String secret, Set<String> events) {

    public Webhook {
      events = Set.copyOf(events);
    }

    /** Whether it receives this event. */
    public boolean wants(String event) {
      return events.isEmpty() || events.contains(event);
    }

    @Override
    public String toString() {
      return "Webhook[" + name + " " + url + "]";
    }
  }
}
