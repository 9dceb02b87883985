package io.tenure.governance.certification;

import io.tenure.core.identity.IdentityId;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One thing to certify: a person holds a role, with where it comes from and since when, who may
 * decide, and the decision once made.
 *
 * @param campaign the campaign's id
 * @param number the item's number in the campaign (from 1)
 * @param identity the person
 * @param employeeId the person's employee id (or identity id)
 * @param personName the person's name
 * @param role the role
 * @param origin where the role comes from
 * @param originReference the rule's name, the request's id, ...
 * @param grantedAt when its access was first granted, if the audit trail says
 * @param reviewers the employee ids who may decide (empty: anyone who may run campaigns)
 * @param decision the decision, or {@link Decision#PENDING}
 * @param decidedBy who decided, or null
 * @param decidedAt when, or null
 * @param comment the decision's comment, or null
 */
public record CampaignItem(
    String campaign,
    int number,
    IdentityId identity,
    String employeeId,
    String personName,
    String role,
    Origin origin,
    String originReference,
    @Nullable Instant grantedAt,
    List<String> reviewers,
    Decision decision,
    @Nullable String decidedBy,
    @Nullable Instant decidedAt,
    @Nullable String comment) {

  /** Where a role comes from. */
  public enum Origin {
    RULE,
    REQUEST,
    EXCEPTION,
    MANUAL;

    public String cliName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** An item's decision. */
  public enum Decision {
    PENDING,
    CERTIFIED,
    REVOKED,
    /** Undecided at the deadline of a campaign whose policy keeps. */
    KEPT_AT_DEADLINE,
    /** Undecided at the deadline of a campaign whose policy revokes. */
    REVOKED_AT_DEADLINE;

    public boolean decided() {
      return this != PENDING;
    }

    public boolean revoked() {
      return this == REVOKED || this == REVOKED_AT_DEADLINE;
    }

    public String cliName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public CampaignItem {
    Objects.requireNonNull(identity, "identity");
    reviewers = List.copyOf(reviewers);
  }

  /** The item decided. */
  public CampaignItem decided(Decision newDecision, String by, Instant at, String why) {
    return new CampaignItem(
        campaign,
        number,
        identity,
        employeeId,
        personName,
        role,
        origin,
        originReference,
        grantedAt,
        reviewers,
        newDecision,
        by,
        at,
        why);
  }

  /** The item sent to other reviewers (escalation). */
  public CampaignItem withReviewers(List<String> newReviewers) {
    return new CampaignItem(
        campaign,
        number,
        identity,
        employeeId,
        personName,
        role,
        origin,
        originReference,
        grantedAt,
        newReviewers,
        decision,
        decidedBy,
        decidedAt,
        comment);
  }

  /** Whether this reviewer may decide it. */
  public boolean reviewableBy(String reviewer) {
    return reviewers.isEmpty() || reviewers.contains(reviewer);
  }
}
