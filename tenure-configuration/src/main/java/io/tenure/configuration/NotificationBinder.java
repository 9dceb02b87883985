package io.tenure.configuration;

import static io.tenure.configuration.NodeReader.quote;

import io.tenure.configuration.YamlTree.Entry;
import io.tenure.configuration.YamlTree.ListNode;
import io.tenure.engine.configuration.NotificationSettings;
import io.tenure.engine.configuration.NotificationSettings.Smtp;
import io.tenure.engine.configuration.NotificationSettings.Webhook;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code notifications: {smtp: {host, port, from, username, password, startTls}, emailAttribute}}
 * and {@code webhooks: [{name, url, secret, events}]}: e-mail to people about requests and access,
 * signed webhooks for lifecycle and request events.
 */
final class NotificationBinder {

  /** The events a webhook may name. */
  static final Set<String> EVENTS =
      Set.of(
          "joiner",
          "mover",
          "leaver",
          "request.pending",
          "request.escalated",
          "request.decided",
          "request.provisioned",
          "request.failed",
          "request.expired",
          "access.ending",
          "access.ended",
          "access.review");

  private static final Set<String> KEYS = Set.of("smtp", "emailAttribute");
  private static final Set<String> SMTP_KEYS =
      Set.of("host", "port", "from", "username", "password", "startTls");
  private static final Set<String> WEBHOOK_KEYS = Set.of("name", "url", "secret", "events");

  private NotificationBinder() {}

  static NotificationSettings bind(MappingReader top) {
    Smtp smtp = null;
    String emailAttribute = "email";
    MappingReader notifications = top.optionalMapping("notifications");
    if (notifications != null) {
      notifications.onlyKeys(KEYS);
      String attribute = notifications.optionalString("emailAttribute");
      if (attribute != null) {
        emailAttribute = attribute;
      }
      MappingReader server = notifications.optionalMapping("smtp");
      if (server != null) {
        server.onlyKeys(SMTP_KEYS);
        String host = server.requiredString("host");
        String from = server.requiredString("from");
        int port = server.integer("port", 25, 1, 65535);
        if (from != null && !from.contains("@")) {
          server.problemAt("from", quote(from) + " is not an e-mail address");
        }
        if (host != null && from != null) {
          smtp =
              new Smtp(
                  host,
                  port,
                  from,
                  server.optionalString("username"),
                  server.optionalString("password"),
                  server.bool("startTls", false));
        }
      }
    }
    return new NotificationSettings(smtp, emailAttribute, webhooks(top));
  }

  private static List<Webhook> webhooks(MappingReader top) {
    Entry entry = top.entries().get("webhooks");
    if (entry == null) {
      return List.of();
    }
    NodeReader reader = top.reader();
    if (!(entry.value() instanceof ListNode list)) {
      reader.problem(entry.value().location(), "webhooks", "must be a list of webhooks");
      return List.of();
    }
    List<Webhook> webhooks = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int index = 0; index < list.items().size(); index++) {
      MappingReader indexed = reader.mapping(list.items().get(index), "webhooks[" + index + "]");
      if (indexed == null) {
        continue;
      }
      indexed.onlyKeys(WEBHOOK_KEYS);
      String name = indexed.requiredString("name");
      MappingReader hook = indexed;
      if (name != null) {
        hook = indexed.withPath("webhooks." + name);
        if (!names.add(name)) {
          reader.problem(
              hook.valueLocation("name"), hook.path(), "another webhook has the same name");
        }
      }
      String url = hook.requiredString("url");
      if (url != null) {
        try {
          URI uri = new URI(url);
          if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            hook.problemAt("url", quote(url) + " is not an http or https URL");
          }
        } catch (URISyntaxException e) {
          hook.problemAt("url", quote(url) + " is not a URL");
        }
      }
      String secret = hook.requiredString("secret");
      if (secret != null && secret.length() < 16) {
        hook.problemAt("secret", "must be at least 16 characters long");
      }
      List<String> events = hook.optionalStrings("events");
      for (String event : events == null ? List.<String>of() : events) {
        if (!EVENTS.contains(event)) {
          hook.problemAt(
              "events", quote(event) + " is not one of " + new java.util.TreeSet<>(EVENTS));
        }
      }
      if (name != null && url != null && secret != null) {
        webhooks.add(
            new Webhook(name, url, secret, Set.copyOf(events == null ? List.of() : events)));
      }
    }
    return webhooks;
  }
}
