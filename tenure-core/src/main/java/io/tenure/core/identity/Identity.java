package io.tenure.core.identity;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A person Tenure manages.
 *
 * @param id stable internal id
 * @param state lifecycle state as last computed
 * @param attributes identity attributes by name (for example {@code givenName}, {@code
 *     department}); values are strings, dates in ISO-8601 form
 * @param employment what the authoritative source says about employment
 * @param usernames account names assigned per target name; stable once assigned
 */
public record Identity(
    IdentityId id,
    LifecycleState state,
    Map<String, String> attributes,
    Employment employment,
    Map<String, String> usernames) {

  public Identity {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(employment, "employment");
    attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
    usernames = Collections.unmodifiableMap(new TreeMap<>(usernames));
  }

  /** The value of an attribute, if present and not blank. */
  public Optional<String> attribute(String name) {
    return Optional.ofNullable(attributes.get(name)).filter(value -> !value.isBlank());
  }

  public Identity withState(LifecycleState newState) {
    return new Identity(id, newState, attributes, employment, usernames);
  }

  public Identity withAttributes(Map<String, String> newAttributes) {
    return new Identity(id, state, newAttributes, employment, usernames);
  }

  public Identity withEmployment(Employment newEmployment) {
    return new Identity(id, state, attributes, newEmployment, usernames);
  }

  /** A copy with the username for a target assigned (or replaced). */
  public Identity withUsername(String target, String username) {
    Map<String, String> copy = new TreeMap<>(usernames);
    copy.put(target, username);
    return new Identity(id, state, attributes, employment, copy);
  }
}
