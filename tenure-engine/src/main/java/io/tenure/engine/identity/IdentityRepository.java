package io.tenure.engine.identity;

import io.tenure.core.account.TargetId;
import io.tenure.core.correlation.IdentityLookup;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Port: the identity store. Implementations are transactional through {@link
 * io.tenure.engine.store.Transactions}; every method may be called inside a transaction.
 */
public interface IdentityRepository {

  Optional<Identity> find(IdentityId id);

  /** The ids of identities whose attribute equals the value exactly, in id order. */
  List<IdentityId> findByAttribute(String attribute, String value);

  /** Inserts the identity or replaces the stored one with the same id, usernames included. */
  void save(Identity identity);

  /** Every identity in id order, streamed; the caller closes the stream. */
  Stream<Identity> stream();

  /** True if an identity already holds that account name on the target. */
  boolean isUsernameTaken(TargetId target, String username);

  long count();

  /**
   * This repository as the correlator's view of the store: {@link #findByAttribute} and {@link
   * #find}, read at each call (so within the caller's transaction).
   */
  default IdentityLookup asLookup() {
    return new IdentityLookup() {
      @Override
      public List<IdentityId> findBy(String attribute, String value) {
        return findByAttribute(attribute, value);
      }

      @Override
      public Optional<String> attributeOf(IdentityId identity, String attribute) {
        return find(identity).flatMap(found -> found.attribute(attribute));
      }
    };
  }
}
