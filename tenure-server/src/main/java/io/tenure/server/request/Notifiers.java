package io.tenure.server.request;

import io.tenure.governance.request.AccessRequest;
import io.tenure.governance.request.RequestNotifier;
import java.util.List;

/** Tells every configured channel (e-mail, webhooks), each on its own. */
record Notifiers(List<RequestNotifier> channels) implements RequestNotifier {

  Notifiers {
    channels = List.copyOf(channels);
  }

  @Override
  public void notify(Kind kind, AccessRequest request, List<String> recipients, String text) {
    for (RequestNotifier channel : channels) {
      try {
        channel.notify(kind, request, recipients, text);
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(Notifiers.class)
            .warn("could not notify {} of {}: {}", recipients, request.id(), e.getMessage());
      }
    }
  }
}
