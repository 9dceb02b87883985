package io.tenure.engine.store;

/**
 * Port: a fingerprint of the store's state that planning reads (identities, their usernames and
 * source values, the accounts known on targets, the queue, held plans, roles assigned by hand).
 * Equal fingerprints mean a plan made from the store then is still the plan it makes now; any
 * change of that state changes it. A saved plan ({@code tenure plan --out}) carries it, and {@code
 * tenure apply FILE} refuses the plan when the store's fingerprint is another.
 */
@FunctionalInterface
public interface StoreFingerprint {

  /** The fingerprint, as lower-case hex. */
  String fingerprint();

  /** Knows no state: every fingerprint is equal (for tools and tests without a store). */
  static StoreFingerprint none() {
    return () -> "";
  }
}
