package io.tenure.engine.assignment;

import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.Reason;
import io.tenure.core.policy.RoleName;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A person holds a role because of an origin other than a birthright rule, within a validity
 * window. Immutable; ending it makes a copy ({@link #endedAt(Instant, String, String)}).
 *
 * @param id the assignment's id
 * @param identity who holds the role
 * @param role the role held (with what it includes)
 * @param origin what granted it (a request, an exception, ...)
 * @param validFrom from when it is held (inclusive)
 * @param validUntil until when it is held (exclusive), or null for no end
 * @param grantedBy who granted it ({@code person:E1100}, {@code cli:root}, ...)
 * @param grantedAt when it was stored
 * @param endedAt when it was ended before or at its end (revoked, expired), or null while it runs
 * @param endedBy who or what ended it, or null
 * @param endReason why it was ended, or null
 */
public record Assignment(
    AssignmentId id,
    IdentityId identity,
    RoleName role,
    AssignmentOrigin origin,
    Instant validFrom,
    @Nullable Instant validUntil,
    String grantedBy,
    Instant grantedAt,
    @Nullable Instant endedAt,
    @Nullable String endedBy,
    @Nullable String endReason) {

  public Assignment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(validFrom, "validFrom");
    Objects.requireNonNull(grantedBy, "grantedBy");
    Objects.requireNonNull(grantedAt, "grantedAt");
    if (validUntil != null && !validUntil.isAfter(validFrom)) {
      throw new IllegalArgumentException(
          "an assignment must end after it starts (" + validFrom + " .. " + validUntil + ")");
    }
  }

  /** A running assignment granted now. */
  public static Assignment granted(
      AssignmentId id,
      IdentityId identity,
      RoleName role,
      AssignmentOrigin origin,
      Instant validFrom,
      @Nullable Instant validUntil,
      String grantedBy,
      Instant grantedAt) {
    return new Assignment(
        id, identity, role, origin, validFrom, validUntil, grantedBy, grantedAt, null, null, null);
  }

  /** Whether the role is held at that instant: not ended, started, and its end not reached. */
  public boolean isActiveAt(Instant at) {
    return endedAt == null
        && !at.isBefore(validFrom)
        && (validUntil == null || at.isBefore(validUntil));
  }

  /** Whether it has been ended (revoked or expired and recorded so). */
  public boolean isEnded() {
    return endedAt != null;
  }

  /** The end of the validity window, if any. */
  public Optional<Instant> until() {
    return Optional.ofNullable(validUntil);
  }

  /** A copy ended at {@code at} by {@code by} because of {@code reason}. */
  public Assignment endedAt(Instant at, String by, String reason) {
    return new Assignment(
        id, identity, role, origin, validFrom, validUntil, grantedBy, grantedAt, at, by, reason);
  }

  /**
   * The root of the reason chain of the role it grants: {@code "request R-12"}, or {@code "request
   * R-12 (until 2027-02-01T00:00:00Z)"} when it ends.
   */
  public Reason reason() {
    return Reason.of(
        validUntil == null ? origin.describe() : origin.describe() + " (until " + validUntil + ")");
  }
}
