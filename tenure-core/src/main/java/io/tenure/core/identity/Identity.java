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
 * @param sourceAttributes per source name, the attribute values that source last gave for this
 *     person (a source that knows the person has an entry, possibly empty); {@code attributes} is
 *     what {@link io.tenure.core.source.AttributeAuthority} makes of them
 */
public record Identity(
    IdentityId id,
    LifecycleState state,
    Map<String, String> attributes,
    Employment employment,
    Map<String, String> usernames,
    Map<String, Map<String, String>> sourceAttributes) {

  public Identity {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(employment, "employment");
    attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
    usernames = Collections.unmodifiableMap(new TreeMap<>(usernames));
    Map<String, Map<String, String>> bySource = new TreeMap<>();
    sourceAttributes.forEach(
        (source, values) ->
            bySource.put(
                Objects.requireNonNull(source, "source"),
                Collections.unmodifiableMap(new TreeMap<>(values))));
    sourceAttributes = Collections.unmodifiableMap(bySource);
  }

  /** An identity no source has given attributes for (tests, and identities made by hand). */
  public Identity(
      IdentityId id,
      LifecycleState state,
      Map<String, String> attributes,
      Employment employment,
      Map<String, String> usernames) {
    this(id, state, attributes, employment, usernames, Map.of());
  }

  /** The value of an attribute, if present and not blank. */
  public Optional<String> attribute(String name) {
    return Optional.ofNullable(attributes.get(name)).filter(value -> !value.isBlank());
  }

  public Identity withState(LifecycleState newState) {
    return new Identity(id, newState, attributes, employment, usernames, sourceAttributes);
  }

  public Identity withAttributes(Map<String, String> newAttributes) {
    return new Identity(id, state, newAttributes, employment, usernames, sourceAttributes);
  }

  public Identity withEmployment(Employment newEmployment) {
    return new Identity(id, state, attributes, newEmployment, usernames, sourceAttributes);
  }

  /** A copy with the username for a target assigned (or replaced). */
  public Identity withUsername(String target, String username) {
    Map<String, String> copy = new TreeMap<>(usernames);
    copy.put(target, username);
    return new Identity(id, state, attributes, employment, copy, sourceAttributes);
  }

  /** A copy where {@code source} last gave these attribute values (replacing what it gave). */
  public Identity withSourceAttributes(String source, Map<String, String> values) {
    Map<String, Map<String, String>> copy = new TreeMap<>(sourceAttributes);
    copy.put(source, values);
    return new Identity(id, state, attributes, employment, usernames, copy);
  }
}
