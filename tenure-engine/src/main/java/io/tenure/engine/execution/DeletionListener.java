package io.tenure.engine.execution;

import io.tenure.core.identity.IdentityId;

/**
 * Told after the deletion of a person's account succeeded and was recorded (its transaction
 * committed), in the thread that ran it: the retention delete's follow-ups hang here (the
 * pseudonymisation of a leaver whose last account went). Must not throw.
 */
@FunctionalInterface
public interface DeletionListener {

  /**
   * @param owner the person whose account was deleted
   * @param actor who ran the delete
   */
  void deleted(IdentityId owner, String actor);

  /** Listens to nothing. */
  static DeletionListener none() {
    return (owner, actor) -> {};
  }
}
