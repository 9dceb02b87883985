package io.tenure.engine.ingest;

import io.tenure.core.identity.IdentityId;
import java.util.Objects;

/**
 * Two sources give a person different values of an attribute: the identity keeps the value of the
 * source that attribute authority trusts more ({@code decidedBy}); the other source's value is
 * reported, never taken (so the attribute does not flap between the two as they are imported).
 *
 * @param identity the person
 * @param attribute the identity attribute
 * @param decidedBy the source whose value the identity keeps
 * @param keptValue that value
 * @param source the source that says otherwise
 * @param value what it says
 */
public record Disagreement(
    IdentityId identity,
    String attribute,
    String decidedBy,
    String keptValue,
    String source,
    String value) {

  public Disagreement {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(attribute, "attribute");
    Objects.requireNonNull(decidedBy, "decidedBy");
    Objects.requireNonNull(keptValue, "keptValue");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(value, "value");
  }

  /**
   * For example {@code email: mail says ada@example.com, hr says ada.l@example.com (kept: mail)}.
   */
  public String describe() {
    return attribute
        + ": "
        + decidedBy
        + " says "
        + keptValue
        + ", "
        + source
        + " says "
        + value
        + " (kept: "
        + decidedBy
        + ")";
  }
}
