package io.tenure.governance.request;

import java.util.List;

/**
 * Port: tells people (e-mail) and systems (webhooks) what happened to requests and access. Called
 * after the change it reports is committed; an implementation must not throw for a delivery problem
 * (it retries or records it).
 */
public interface RequestNotifier {

  /** Tells nobody. */
  RequestNotifier NONE = (kind, request, recipients, text) -> {};

  /** What happened. */
  enum Kind {
    /** A step waits for its approvers (recipients: the approvers). */
    PENDING("request.pending"),
    /** A step went to the approvers' managers (recipients: the new approvers). */
    ESCALATED("request.escalated"),
    /** Approved or rejected (recipients: the requester and the beneficiary). */
    DECIDED("request.decided"),
    /** The access was provisioned (recipients: requester, beneficiary). */
    PROVISIONED("request.provisioned"),
    /** Provisioning failed (recipients: requester). */
    FAILED("request.failed"),
    /** It expired unanswered (recipients: requester). */
    EXPIRED("request.expired"),
    /** The access ends soon (recipients: the holder and the approvers). */
    ENDING("access.ending"),
    /** The access ended or was revoked (recipients: the holder). */
    ENDED("access.ended"),
    /** A transfer sent the access to the new manager's review (recipients: the new manager). */
    REVIEW("access.review");

    private final String event;

    Kind(String event) {
      this.event = event;
    }

    /** The event's name in webhooks and audit ({@code request.decided}). */
    public String event() {
      return event;
    }
  }

  /**
   * Tells the recipients.
   *
   * @param recipients employee ids of the people to tell (people without an address are skipped)
   * @param text one line saying what happened, for people
   */
  void notify(Kind kind, AccessRequest request, List<String> recipients, String text);
}
