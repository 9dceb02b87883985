package io.tenure.engine.testing;

import io.tenure.core.account.TargetId;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.engine.identity.IdentityRepository;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** An identity store in a map, for fast tests; a test may extend it to watch or delay calls. */
public class InMemoryIdentityRepository implements IdentityRepository {

  private final Map<IdentityId, Identity> identities = new TreeMap<>();

  @Override
  public synchronized Optional<Identity> find(IdentityId id) {
    return Optional.ofNullable(identities.get(id));
  }

  @Override
  public synchronized List<IdentityId> findByAttribute(String attribute, String value) {
    return identities.values().stream()
        .filter(identity -> value.equals(identity.attributes().get(attribute)))
        .map(Identity::id)
        .toList();
  }

  @Override
  public synchronized void save(Identity identity) {
    identities.put(identity.id(), identity);
  }

  @Override
  public synchronized Stream<Identity> stream() {
    return List.copyOf(identities.values()).stream();
  }

  @Override
  public synchronized boolean isUsernameTaken(TargetId target, String username) {
    return identities.values().stream()
        .anyMatch(identity -> username.equals(identity.usernames().get(target.value())));
  }

  @Override
  public synchronized long count() {
    return identities.size();
  }

  /** The identity with that id, failing the test if absent. */
  public Identity get(IdentityId id) {
    return find(id).orElseThrow(() -> new AssertionError("no identity " + id));
  }

  /** The single identity with that attribute value, failing the test if not exactly one. */
  public Identity byAttribute(String attribute, String value) {
    List<IdentityId> found = findByAttribute(attribute, value);
    if (found.size() != 1) {
      throw new AssertionError(found.size() + " identities have " + attribute + " = " + value);
    }
    return get(found.get(0));
  }
}
