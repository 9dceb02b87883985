package io.tenure.engine.ingest;

import io.tenure.core.identity.Identity;
import io.tenure.core.lifecycle.LifecycleEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Port: told of the lifecycle events an import records (joiner, mover, leaver, ...), in the
 * transaction that records them, so that what it writes (a webhook outbox) is kept together with
 * the identity changes and their audit events, or not at all. It must not talk to the outside world
 * here: a rolled-back transaction (a preview, a refused plan) must leave no trace.
 */
public interface LifecycleListener {

  /** Tells nobody. */
  LifecycleListener NONE = recorded -> {};

  /**
   * One lifecycle event with the identity before and after the change.
   *
   * @param before the stored identity, or null for a person the import created
   * @param after the identity as the import left it
   * @param at when the import recorded it
   */
  record Recorded(LifecycleEvent event, @Nullable Identity before, Identity after, Instant at) {
    public Recorded {
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(after, "after");
      Objects.requireNonNull(at, "at");
    }
  }

  /** The events of one batch of an import, in file order; called in the batch's transaction. */
  void recorded(List<Recorded> recorded);
}
