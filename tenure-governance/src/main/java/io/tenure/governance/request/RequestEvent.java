package io.tenure.governance.request;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a request's history: filed, approved (a step), rejected, escalated, expired,
 * cancelled, provisioned, failed, reminded, reviewed, ended.
 *
 * @param at when
 * @param actor who or what ({@code person:E1100}, {@code schedule:requests})
 * @param action what ({@code approved}, {@code escalated}, ...)
 * @param step the approval step it concerns, or empty
 * @param comment the comment, reason or error; may be empty
 */
public record RequestEvent(Instant at, String actor, String action, String step, String comment) {

  public RequestEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(comment, "comment");
  }
}
