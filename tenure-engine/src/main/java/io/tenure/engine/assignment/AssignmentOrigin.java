package io.tenure.engine.assignment;

import java.util.Locale;
import java.util.Objects;

/**
 * Why an assignment exists: the kind of thing that granted it and that thing's reference.
 *
 * @param kind what granted it
 * @param reference the granting thing's id (a request id such as {@code R-12}), or a short text for
 *     {@link Kind#MANUAL}
 */
public record AssignmentOrigin(Kind kind, String reference) {

  /** The kinds of origin. */
  public enum Kind {
    /** An approved access request; the reference is the request id. */
    REQUEST("request"),
    /**
     * An approved separation-of-duties exception (a request that conflicts with a rule that allows
     * exceptions); the reference is the request id.
     */
    EXCEPTION("sod exception"),
    /** Granted by an operator without a request; the reference says by whom or why. */
    MANUAL("manual assignment"),
    /** Kept or confirmed by an access review (a certification campaign); the reference names it. */
    CERTIFICATION("certification");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** How a reason names the kind ({@code request}, {@code sod exception}, ...). */
    public String label() {
      return label;
    }

    /** The kind stored as this name (the enum constant's name, any case). */
    public static Kind parse(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
    }
  }

  public AssignmentOrigin {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reference, "reference");
    if (reference.isBlank()) {
      throw new IllegalArgumentException("an assignment origin needs a reference");
    }
  }

  /** The origin of an assignment granted by request {@code requestId}. */
  public static AssignmentOrigin request(String requestId) {
    return new AssignmentOrigin(Kind.REQUEST, requestId);
  }

  /** The origin of an assignment granted as an exception to an SoD rule by {@code requestId}. */
  public static AssignmentOrigin exception(String requestId) {
    return new AssignmentOrigin(Kind.EXCEPTION, requestId);
  }

  /** How a reason chain names the origin: {@code "request R-12"}. */
  public String describe() {
    return kind.label() + " " + reference;
  }

  @Override
  public String toString() {
    return describe();
  }
}
