package io.tenure.engine.reconciliation;

import io.tenure.core.account.TargetId;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.engine.identity.IdentityRepository;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The identity store seen by a report-only run: reads pass through, saves are dropped, so that
 * desired state computed for a report assigns no username.
 */
final class UnsavedIdentities implements IdentityRepository {

  private final IdentityRepository store;

  UnsavedIdentities(IdentityRepository store) {
    this.store = store;
  }

  @Override
  public Optional<Identity> find(IdentityId id) {
    return store.find(id);
  }

  @Override
  public List<Identity> findAll(Collection<IdentityId> ids) {
    return store.findAll(ids);
  }

  @Override
  public List<IdentityId> findByAttribute(String attribute, String value) {
    return store.findByAttribute(attribute, value);
  }

  @Override
  public void save(Identity identity) {
    // a report changes nothing
  }

  @Override
  public Stream<Identity> stream() {
    return store.stream();
  }

  @Override
  public boolean isUsernameTaken(TargetId target, String username) {
    return store.isUsernameTaken(target, username);
  }

  @Override
  public Set<String> usernamesTaken(TargetId target, Collection<String> usernames) {
    return store.usernamesTaken(target, usernames);
  }

  @Override
  public Map<IdentityId, Identity> findHoldingAny(
      Map<String, ? extends Collection<String>> valuesByAttribute) {
    return store.findHoldingAny(valuesByAttribute);
  }

  @Override
  public void saveAll(Collection<Identity> identities) {
    // a report changes nothing
  }

  @Override
  public long count() {
    return store.count();
  }
}
