package io.tenure.governance.certification;

import io.tenure.core.identity.IdentityId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An exception to policy that Tenure keeps and the planner obeys. Today one kind: a birthright role
 * a rule grants a person but a certification revoked, which the desired state leaves out so the
 * rule does not grant it back; listed for the rule's owner.
 *
 * @param id the exception's id
 * @param kind what kind of exception
 * @param identity the person
 * @param role the role concerned
 * @param rule the rule that grants the role, if known
 * @param reason why (the reviewer's comment, the campaign)
 * @param decidedBy who decided
 * @param decidedAt when
 * @param campaign the campaign that decided it, if any
 * @param until the last day it holds; null for no end
 */
public record RecordedException(
    String id,
    Kind kind,
    IdentityId identity,
    String role,
    @Nullable String rule,
    String reason,
    String decidedBy,
    Instant decidedAt,
    @Nullable String campaign,
    @Nullable LocalDate until) {

  /** The kinds of exception. */
  public enum Kind {
    /** A birthright role revoked for one person: the rule does not grant it to them. */
    REVOKED_BIRTHRIGHT
  }

  public RecordedException {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(role, "role");
  }

  /** Whether it holds on that day. */
  public boolean inForceOn(LocalDate day) {
    return until == null || !day.isAfter(until);
  }
}
