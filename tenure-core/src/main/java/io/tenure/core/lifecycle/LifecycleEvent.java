package io.tenure.core.lifecycle;

import io.tenure.core.identity.IdentityId;
import java.util.List;
import java.util.Objects;

/**
 * One change found between two versions of an identity.
 *
 * @param kind what happened
 * @param identity whose identity
 * @param changes the attributes behind the event (for {@link LifecycleEventKind#MOVER} and {@link
 *     LifecycleEventKind#UPDATED}); empty for pure state transitions
 * @param description a one-line human description, for example {@code mover: department Engineering
 *     -> Sales}
 */
public record LifecycleEvent(
    LifecycleEventKind kind,
    IdentityId identity,
    List<ChangedAttribute> changes,
    String description) {

  public LifecycleEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(description, "description");
    changes = List.copyOf(changes);
  }

  @Override
  public String toString() {
    return description;
  }
}
