package io.tenure.core.lifecycle;

import io.tenure.core.desired.AccountPresence;
import io.tenure.core.identity.Employment;
import io.tenure.core.identity.EmploymentStatus;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.LifecycleState;
import io.tenure.core.plan.Reason;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The lifecycle rules: which state a person is in on a day, what that state means for their
 * accounts, and which events separate two versions of an identity. Pure functions of their
 * arguments; "today" is always a parameter.
 */
public final class Lifecycle {

  private Lifecycle() {}

  /**
   * The lifecycle state employment implies on a day.
   *
   * <ul>
   *   <li>{@link LifecycleState#TERMINATED} if the status is terminated or the end date is before
   *       {@code today} (the end date itself is still a working day);
   *   <li>{@link LifecycleState#SUSPENDED} if the status is leave;
   *   <li>{@link LifecycleState#PRE_HIRE} if the start date is after {@code today};
   *   <li>{@link LifecycleState#ACTIVE} otherwise.
   * </ul>
   *
   * Never returns {@link LifecycleState#PURGED}: purging is an act, not a consequence of dates.
   */
  public static LifecycleState stateOn(Employment employment, LocalDate today) {
    Objects.requireNonNull(employment, "employment");
    Objects.requireNonNull(today, "today");
    if (employment.status() == EmploymentStatus.TERMINATED
        || employment.end().map(end -> end.isBefore(today)).orElse(false)) {
      return LifecycleState.TERMINATED;
    }
    if (employment.status() == EmploymentStatus.LEAVE) {
      return LifecycleState.SUSPENDED;
    }
    if (employment.start().map(start -> start.isAfter(today)).orElse(false)) {
      return LifecycleState.PRE_HIRE;
    }
    return LifecycleState.ACTIVE;
  }

  /**
   * The account presence a person's lifecycle calls for on a day, with its reason.
   *
   * <p>The state is computed from the identity's employment with {@link #stateOn}, except that an
   * identity whose stored state is {@link LifecycleState#PURGED} stays purged.
   *
   * <ul>
   *   <li>pre-hire: {@link AccountPresence#DISABLED} once {@code today >= start - prehireDays}
   *       (accounts prepared ahead of the first day), {@link AccountPresence#REVOKED} before that;
   *   <li>active: {@link AccountPresence#ENABLED};
   *   <li>suspended (leave): {@link AccountPresence#DISABLED}, memberships kept;
   *   <li>terminated, purged: {@link AccountPresence#RETIRED}.
   * </ul>
   */
  public static Presence presenceOn(Identity identity, LocalDate today, LifecyclePolicy policy) {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(today, "today");
    Objects.requireNonNull(policy, "policy");
    LifecycleState state =
        identity.state() == LifecycleState.PURGED
            ? LifecycleState.PURGED
            : stateOn(identity.employment(), today);
    Reason root = Reason.of("lifecycle " + state);
    return switch (state) {
      case ACTIVE -> new Presence(AccountPresence.ENABLED, root);
      case SUSPENDED ->
          new Presence(AccountPresence.DISABLED, root.because("leave: memberships kept"));
      case TERMINATED ->
          new Presence(AccountPresence.RETIRED, root.because(leaverStep(identity.employment())));
      case PURGED -> new Presence(AccountPresence.RETIRED, root.because("purged"));
      case PRE_HIRE -> preHire(identity.employment(), today, policy, root);
    };
  }

  private static Presence preHire(
      Employment employment, LocalDate today, LifecyclePolicy policy, Reason root) {
    // stateOn only answers PRE_HIRE when a start date is known
    LocalDate start = employment.start().orElseThrow();
    LocalDate prepareFrom = start.minusDays(policy.prehireDays());
    if (today.isBefore(prepareFrom)) {
      return new Presence(
          AccountPresence.REVOKED,
          root.because(
              "pre-hire: accounts are prepared "
                  + policy.prehireDays()
                  + " days before start "
                  + start
                  + ", from "
                  + prepareFrom));
    }
    return new Presence(
        AccountPresence.DISABLED,
        root.because(
            "pre-hire: account prepared " + policy.prehireDays() + " days before start " + start));
  }

  private static String leaverStep(Employment employment) {
    if (employment.status() == EmploymentStatus.TERMINATED) {
      return employment
          .end()
          .map(end -> "leaver: terminated, last day " + end)
          .orElse("leaver: terminated");
    }
    return employment.end().map(end -> "leaver: last day was " + end).orElse("leaver");
  }

  /**
   * The events that separate two versions of an identity, compared by their stored lifecycle state,
   * attributes and employment (usernames are Tenure's own and are not compared).
   *
   * <p>With no earlier version the only event is {@link LifecycleEventKind#JOINER}. Otherwise, in
   * this order: at most one state event ({@link LifecycleEventKind#REHIRE} when a terminated or
   * purged person is no longer gone, {@link LifecycleEventKind#LEAVER} when a person becomes
   * terminated or purged, {@link LifecycleEventKind#LEAVE_STARTED}, {@link
   * LifecycleEventKind#RETURNED_FROM_LEAVE} from suspended to active, {@link
   * LifecycleEventKind#STARTED} from pre-hire to active); then one {@link LifecycleEventKind#MOVER}
   * event if any of {@code moverAttributes} changed; then one {@link LifecycleEventKind#UPDATED}
   * event for any other change (other attributes, employment fields, and state changes not named
   * above, shown as the pseudo-attribute {@code lifecycle}). An unchanged identity gives no event.
   * Blank attribute values count as absent.
   *
   * @throws IllegalArgumentException if the two versions have different ids
   */
  public static List<LifecycleEvent> events(
      Optional<Identity> before, Identity after, Set<String> moverAttributes) {
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(moverAttributes, "moverAttributes");
    if (before.isEmpty()) {
      return List.of(
          new LifecycleEvent(
              LifecycleEventKind.JOINER,
              after.id(),
              List.of(),
              "joiner: lifecycle " + after.state()));
    }
    Identity earlier = before.get();
    if (!earlier.id().equals(after.id())) {
      throw new IllegalArgumentException(
          "cannot compare identity " + earlier.id() + " with identity " + after.id());
    }
    List<LifecycleEvent> events = new ArrayList<>();
    List<ChangedAttribute> other = new ArrayList<>();
    LifecycleState from = earlier.state();
    LifecycleState to = after.state();
    Optional<LifecycleEventKind> transition = transition(from, to);
    if (transition.isPresent()) {
      events.add(
          new LifecycleEvent(
              transition.get(),
              after.id(),
              List.of(),
              label(transition.get()) + ": " + from + " -> " + to));
    } else if (from != to) {
      other.add(new ChangedAttribute("lifecycle", from.name(), to.name()));
    }
    List<ChangedAttribute> movers = new ArrayList<>();
    Set<String> names = new TreeSet<>(earlier.attributes().keySet());
    names.addAll(after.attributes().keySet());
    for (String name : names) {
      String old = earlier.attribute(name).orElse(null);
      String now = after.attribute(name).orElse(null);
      if (!Objects.equals(old, now)) {
        (moverAttributes.contains(name) ? movers : other).add(new ChangedAttribute(name, old, now));
      }
    }
    addIfChanged(
        other,
        "employment.status",
        earlier.employment().status().name(),
        after.employment().status().name());
    addIfChanged(
        other,
        "employment.startDate",
        text(earlier.employment().startDate()),
        text(after.employment().startDate()));
    addIfChanged(
        other,
        "employment.endDate",
        text(earlier.employment().endDate()),
        text(after.employment().endDate()));
    if (!movers.isEmpty()) {
      events.add(change(LifecycleEventKind.MOVER, after, movers));
    }
    if (!other.isEmpty()) {
      events.add(change(LifecycleEventKind.UPDATED, after, other));
    }
    return List.copyOf(events);
  }

  private static Optional<LifecycleEventKind> transition(LifecycleState from, LifecycleState to) {
    if (from == to) {
      return Optional.empty();
    }
    if (gone(from) && !gone(to)) {
      return Optional.of(LifecycleEventKind.REHIRE);
    }
    if (gone(to) && !gone(from)) {
      return Optional.of(LifecycleEventKind.LEAVER);
    }
    if (gone(to)) {
      return Optional.empty();
    }
    if (to == LifecycleState.SUSPENDED) {
      return Optional.of(LifecycleEventKind.LEAVE_STARTED);
    }
    if (from == LifecycleState.SUSPENDED && to == LifecycleState.ACTIVE) {
      return Optional.of(LifecycleEventKind.RETURNED_FROM_LEAVE);
    }
    if (from == LifecycleState.PRE_HIRE && to == LifecycleState.ACTIVE) {
      return Optional.of(LifecycleEventKind.STARTED);
    }
    return Optional.empty();
  }

  private static boolean gone(LifecycleState state) {
    return state == LifecycleState.TERMINATED || state == LifecycleState.PURGED;
  }

  private static String label(LifecycleEventKind kind) {
    return switch (kind) {
      case JOINER -> "joiner";
      case REHIRE -> "rehire";
      case LEAVER -> "leaver";
      case LEAVE_STARTED -> "leave started";
      case RETURNED_FROM_LEAVE -> "returned from leave";
      case STARTED -> "started";
      case MOVER -> "mover";
      case UPDATED -> "updated";
    };
  }

  private static LifecycleEvent change(
      LifecycleEventKind kind, Identity identity, List<ChangedAttribute> changes) {
    return new LifecycleEvent(
        kind,
        identity.id(),
        changes,
        label(kind)
            + ": "
            + changes.stream().map(ChangedAttribute::describe).collect(Collectors.joining(", ")));
  }

  private static void addIfChanged(
      List<ChangedAttribute> changes, String name, @Nullable String old, @Nullable String now) {
    if (!Objects.equals(old, now)) {
      changes.add(new ChangedAttribute(name, old, now));
    }
  }

  private static @Nullable String text(@Nullable LocalDate date) {
    return date == null ? null : date.toString();
  }
}
