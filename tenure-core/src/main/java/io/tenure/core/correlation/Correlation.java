package io.tenure.core.correlation;

import io.tenure.core.identity.IdentityId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of correlating one record. Only {@link Matched} links the record to an identity;
 * every other outcome leaves it unlinked ({@link NoMatch} may create a new identity, {@link
 * Ambiguous} and {@link Conflict} need a person to decide).
 */
public sealed interface Correlation {

  /** The identity to link, present only for {@link Matched}. */
  default Optional<IdentityId> linkedIdentity() {
    return this instanceof Matched matched ? Optional.of(matched.id()) : Optional.empty();
  }

  /** A one-line human description of the outcome. */
  String describe();

  /** No key found anybody (or the record had no value for any key). */
  record NoMatch() implements Correlation {
    @Override
    public String describe() {
      return "no matching identity";
    }
  }

  /**
   * Exactly one identity has the record's value for {@code attribute}.
   *
   * @param id the identity to link
   * @param attribute the key that matched
   */
  record Matched(IdentityId id, String attribute) implements Correlation {
    public Matched {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(attribute, "attribute");
    }

    @Override
    public String describe() {
      return "matched " + id + " on " + attribute;
    }
  }

  /**
   * More than one identity has the record's value for {@code attribute}; weaker keys are not tried.
   *
   * @param attribute the key that found several identities
   * @param value the record's value for it
   * @param candidates the identities found, sorted, at least two
   */
  record Ambiguous(String attribute, String value, List<IdentityId> candidates)
      implements Correlation {
    public Ambiguous {
      Objects.requireNonNull(attribute, "attribute");
      Objects.requireNonNull(value, "value");
      candidates = List.copyOf(candidates);
      if (candidates.size() < 2) {
        throw new IllegalArgumentException("an ambiguous correlation needs two candidates");
      }
    }

    @Override
    public String describe() {
      return "ambiguous: "
          + candidates.size()
          + " identities have "
          + attribute
          + " = '"
          + value
          + "' "
          + candidates;
    }
  }

  /**
   * A fallback key found exactly one identity, but that identity already holds a different value
   * for the primary key than the record: most likely a different person sharing, say, an e-mail
   * address. Never linked.
   *
   * @param candidate the identity the fallback key found
   * @param matchedAttribute the fallback key that found it
   * @param keyAttribute the primary key
   * @param recordValue the record's primary key value
   * @param identityValue the candidate's primary key value
   */
  record Conflict(
      IdentityId candidate,
      String matchedAttribute,
      String keyAttribute,
      String recordValue,
      String identityValue)
      implements Correlation {
    public Conflict {
      Objects.requireNonNull(candidate, "candidate");
      Objects.requireNonNull(matchedAttribute, "matchedAttribute");
      Objects.requireNonNull(keyAttribute, "keyAttribute");
      Objects.requireNonNull(recordValue, "recordValue");
      Objects.requireNonNull(identityValue, "identityValue");
    }

    @Override
    public String describe() {
      return "conflict: "
          + matchedAttribute
          + " matches "
          + candidate
          + ", but its "
          + keyAttribute
          + " is '"
          + identityValue
          + "' and the record's is '"
          + recordValue
          + "'";
    }
  }
}
