package io.tenure.governance.certification;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An access certification campaign.
 *
 * @param id its id
 * @param name its name
 * @param scope what it reviews
 * @param reviewers who reviews each item
 * @param due the last day to decide (UTC); after it, {@code onDeadline} applies
 * @param onDeadline what happens to undecided items at the deadline
 * @param state open or closed
 * @param startedBy who started it
 * @param startedAt when
 * @param remindedAt when reviewers were last reminded, or null
 * @param closedAt when it was closed, or null while open
 */
public record Campaign(
    String id,
    String name,
    CampaignScope scope,
    ReviewerRule reviewers,
    LocalDate due,
    DeadlinePolicy onDeadline,
    State state,
    String startedBy,
    Instant startedAt,
    @Nullable Instant remindedAt,
    @Nullable Instant closedAt) {

  /** A campaign's states. */
  public enum State {
    OPEN,
    CLOSED
  }

  public Campaign {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(reviewers, "reviewers");
    Objects.requireNonNull(due, "due");
    Objects.requireNonNull(onDeadline, "onDeadline");
    Objects.requireNonNull(state, "state");
  }

  public Campaign withDue(LocalDate newDue) {
    return new Campaign(
        id,
        name,
        scope,
        reviewers,
        newDue,
        onDeadline,
        state,
        startedBy,
        startedAt,
        remindedAt,
        closedAt);
  }

  public Campaign remindedAt(Instant at) {
    return new Campaign(
        id, name, scope, reviewers, due, onDeadline, state, startedBy, startedAt, at, closedAt);
  }

  public Campaign closedAt(Instant at) {
    return new Campaign(
        id,
        name,
        scope,
        reviewers,
        due,
        onDeadline,
        State.CLOSED,
        startedBy,
        startedAt,
        remindedAt,
        at);
  }
}
