package io.tenure.core.correlation;

import io.tenure.core.identity.IdentityId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Read access to stored identities for correlation.
 *
 * <p>{@link #findBy} is the only required method. {@link #attributeOf} is needed only when a record
 * is matched on a fallback key while it has a value for the primary key (to refuse linking an
 * identity that already holds a different primary key); its default refuses with {@link
 * UnsupportedOperationException}, so a lookup that cannot read attributes fails loudly instead of
 * linking blindly.
 */
@FunctionalInterface
public interface IdentityLookup {

  /**
   * The identities whose attribute has exactly this value, in any order; empty if none.
   *
   * @param attribute an identity attribute name
   * @param value a non-blank value
   */
  List<IdentityId> findBy(String attribute, String value);

  /** An identity's value for an attribute, empty if absent or blank. */
  default Optional<String> attributeOf(IdentityId identity, String attribute) {
    throw new UnsupportedOperationException(
        "this identity lookup cannot read attribute "
            + attribute
            + " of "
            + identity
            + "; implement IdentityLookup.attributeOf to correlate on fallback keys");
  }

  /** A lookup over identity attributes held in memory (for tests and small imports). */
  static IdentityLookup inMemory(Map<IdentityId, Map<String, String>> attributesByIdentity) {
    Map<IdentityId, Map<String, String>> copy = new TreeMap<>();
    attributesByIdentity.forEach((id, attributes) -> copy.put(id, Map.copyOf(attributes)));
    return new IdentityLookup() {
      @Override
      public List<IdentityId> findBy(String attribute, String value) {
        List<IdentityId> found = new ArrayList<>();
        copy.forEach(
            (id, attributes) -> {
              if (value.equals(attributes.get(attribute))) {
                found.add(id);
              }
            });
        return found;
      }

      @Override
      public Optional<String> attributeOf(IdentityId identity, String attribute) {
        return Optional.ofNullable(copy.getOrDefault(identity, Map.of()).get(attribute))
            .filter(value -> !value.isBlank());
      }
    };
  }
}
