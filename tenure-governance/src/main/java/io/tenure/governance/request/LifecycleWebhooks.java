package io.tenure.governance.request;

import io.tenure.core.identity.Identity;
import io.tenure.core.lifecycle.ChangedAttribute;
import io.tenure.core.lifecycle.LifecycleEventKind;
import io.tenure.engine.access.Principals;
import io.tenure.engine.configuration.NotificationSettings;
import io.tenure.engine.ingest.LifecycleListener;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The lifecycle webhooks: every joiner, mover and leaver an import records becomes one delivery in
 * the {@link WebhookOutbox} per configured webhook that wants the event ({@code joiner}, {@code
 * mover}, {@code leaver}, or all), written in the import's transaction so that a crash neither
 * loses nor duplicates it. Sending, signing and retrying are the outbox's (after the commit).
 *
 * <p>The body is JSON: {@code event}, {@code at}, {@code text} (the audit's one line), {@code
 * identity} ({@code id}, {@code employeeId}, {@code name}) and {@code change}: the attributes that
 * moved ({@code [{attribute, from, to}]}) for a mover, the {@code effectiveDate} (last working day)
 * and {@code state} for a leaver, the {@code startDate} and {@code state} for a joiner.
 */
public final class LifecycleWebhooks implements LifecycleListener {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final Map<LifecycleEventKind, String> EVENTS =
      Map.of(
          LifecycleEventKind.JOINER, "joiner",
          LifecycleEventKind.MOVER, "mover",
          LifecycleEventKind.LEAVER, "leaver");

  private final List<NotificationSettings.Webhook> webhooks;
  private final WebhookOutbox outbox;

  public LifecycleWebhooks(NotificationSettings settings, WebhookOutbox outbox) {
    this.webhooks = settings.webhooks();
    this.outbox = outbox;
  }

  /** Writes the deliveries of the joiners, movers and leavers; returns how many were written. */
  public int write(List<Recorded> recorded) {
    int written = 0;
    for (Recorded one : recorded) {
      String event = EVENTS.get(one.event().kind());
      if (event == null) {
        continue;
      }
      String body = null;
      for (NotificationSettings.Webhook webhook : webhooks) {
        if (webhook.wants(event)) {
          if (body == null) {
            body = body(event, one);
          }
          outbox.add(webhook.name(), event, body, one.at());
          written++;
        }
      }
    }
    return written;
  }

  @Override
  public void recorded(List<Recorded> recorded) {
    write(recorded);
  }

  /** The JSON body of one lifecycle event. */
  static String body(String event, Recorded recorded) {
    Identity after = recorded.after();
    ObjectNode body = MAPPER.createObjectNode();
    body.put("event", event);
    body.put("at", recorded.at().toString());
    body.put("text", recorded.event().description());
    ObjectNode identity = body.putObject("identity");
    identity.put("id", after.id().value());
    identity.put("employeeId", after.attribute(Principals.EMPLOYEE_ID).orElse(null));
    identity.put("name", name(after));
    ObjectNode change = body.putObject("change");
    switch (recorded.event().kind()) {
      case MOVER -> {
        ArrayNode attributes = change.putArray("attributes");
        for (ChangedAttribute changed : recorded.event().changes()) {
          ObjectNode node = attributes.addObject();
          node.put("attribute", changed.name());
          node.put("from", changed.before());
          node.put("to", changed.after());
        }
      }
      case LEAVER -> {
        change.put("state", after.state().name());
        change.put("effectiveDate", after.employment().end().map(Object::toString).orElse(null));
      }
      default -> {
        change.put("state", after.state().name());
        change.put("startDate", after.employment().start().map(Object::toString).orElse(null));
      }
    }
    return MAPPER.writeValueAsString(body);
  }

  private static String name(Identity identity) {
    return identity
        .attribute("displayName")
        .orElseGet(
            () ->
                (identity.attribute("givenName").orElse("")
                        + " "
                        + identity.attribute("familyName").orElse(""))
                    .strip());
  }
}
