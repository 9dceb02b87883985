package io.tenure.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.core.desired.AccountPresence;
import io.tenure.core.identity.Employment;
import io.tenure.core.identity.EmploymentStatus;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LifecycleTest {

  private static final LocalDate TODAY = LocalDate.parse("2026-11-27");
  private static final LocalDate START = LocalDate.parse("2026-12-01");
  private static final Set<String> MOVER = Set.of("department", "title", "managerId", "location");
  private static final LifecyclePolicy FIVE_DAYS = new LifecyclePolicy(5);

  private static Employment employment(EmploymentStatus status, String start, String end) {
    return new Employment(
        status,
        start == null ? null : LocalDate.parse(start),
        end == null ? null : LocalDate.parse(end));
  }

  private static Identity person(LifecycleState state, Employment employment) {
    return new Identity(
        new IdentityId("p-1"),
        state,
        Map.of("department", "Engineering", "title", "Engineer", "givenName", "Jane"),
        employment,
        Map.of());
  }

  private static Identity withAttribute(Identity identity, String name, String value) {
    Map<String, String> copy = new HashMap<>(identity.attributes());
    copy.put(name, value);
    return identity.withAttributes(copy);
  }

  @Test
  void stateFollowsStatusAndDates() {
    assertThat(Lifecycle.stateOn(employment(EmploymentStatus.ACTIVE, "2020-01-01", null), TODAY))
        .isEqualTo(LifecycleState.ACTIVE);
    assertThat(Lifecycle.stateOn(employment(EmploymentStatus.ACTIVE, null, null), TODAY))
        .isEqualTo(LifecycleState.ACTIVE);
    assertThat(Lifecycle.stateOn(employment(EmploymentStatus.ACTIVE, "2026-12-01", null), TODAY))
        .isEqualTo(LifecycleState.PRE_HIRE);
    assertThat(Lifecycle.stateOn(employment(EmploymentStatus.ACTIVE, "2026-11-27", null), TODAY))
        .as("the start date is a working day")
        .isEqualTo(LifecycleState.ACTIVE);
    assertThat(Lifecycle.stateOn(employment(EmploymentStatus.LEAVE, "2020-01-01", null), TODAY))
        .isEqualTo(LifecycleState.SUSPENDED);
    assertThat(
            Lifecycle.stateOn(employment(EmploymentStatus.TERMINATED, "2020-01-01", null), TODAY))
        .isEqualTo(LifecycleState.TERMINATED);
  }

  @Test
  void theEndDateIsStillAWorkingDay() {
    assertThat(
            Lifecycle.stateOn(
                employment(EmploymentStatus.ACTIVE, "2020-01-01", "2026-11-27"), TODAY))
        .isEqualTo(LifecycleState.ACTIVE);
    assertThat(
            Lifecycle.stateOn(
                employment(EmploymentStatus.ACTIVE, "2020-01-01", "2026-11-26"), TODAY))
        .isEqualTo(LifecycleState.TERMINATED);
    assertThat(
            Lifecycle.stateOn(
                employment(EmploymentStatus.LEAVE, "2020-01-01", "2026-11-26"), TODAY))
        .as("a past end date wins over leave")
        .isEqualTo(LifecycleState.TERMINATED);
  }

  @Test
  void preHireAccountsArePreparedAheadOfTheStartDate() {
    Identity hire =
        person(LifecycleState.PRE_HIRE, employment(EmploymentStatus.ACTIVE, "2026-12-01", null));

    Presence early = Lifecycle.presenceOn(hire, START.minusDays(6), FIVE_DAYS);
    Presence ready = Lifecycle.presenceOn(hire, START.minusDays(5), FIVE_DAYS);

    assertThat(early.presence()).isEqualTo(AccountPresence.REVOKED);
    assertThat(ready.presence()).isEqualTo(AccountPresence.DISABLED);
    assertThat(ready.reason().chain())
        .containsExactly(
            "pre-hire: account prepared 5 days before start 2026-12-01", "lifecycle PRE_HIRE");
    assertThat(Lifecycle.presenceOn(hire, START, FIVE_DAYS).presence())
        .isEqualTo(AccountPresence.ENABLED);
  }

  @Test
  void presenceOfEachState() {
    Identity active =
        person(LifecycleState.ACTIVE, employment(EmploymentStatus.ACTIVE, "2020-01-01", null));
    assertThat(Lifecycle.presenceOn(active, TODAY, FIVE_DAYS))
        .isEqualTo(
            new Presence(
                AccountPresence.ENABLED, io.tenure.core.plan.Reason.of("lifecycle ACTIVE")));

    Presence leave =
        Lifecycle.presenceOn(
            active.withEmployment(employment(EmploymentStatus.LEAVE, "2020-01-01", null)),
            TODAY,
            FIVE_DAYS);
    assertThat(leave.presence()).isEqualTo(AccountPresence.DISABLED);
    assertThat(leave.reason().render())
        .isEqualTo("leave: memberships kept, from lifecycle SUSPENDED");

    Presence leaver =
        Lifecycle.presenceOn(
            active.withEmployment(employment(EmploymentStatus.ACTIVE, "2020-01-01", "2026-11-20")),
            TODAY,
            FIVE_DAYS);
    assertThat(leaver.presence()).isEqualTo(AccountPresence.RETIRED);
    assertThat(leaver.reason().chain())
        .containsExactly("leaver: last day was 2026-11-20", "lifecycle TERMINATED");

    Presence purged =
        Lifecycle.presenceOn(active.withState(LifecycleState.PURGED), TODAY, FIVE_DAYS);
    assertThat(purged.presence()).isEqualTo(AccountPresence.RETIRED);
    assertThat(purged.reason().chain()).containsExactly("purged", "lifecycle PURGED");
  }

  @Test
  void presenceUsesTodayRatherThanTheStoredState() {
    Identity started =
        person(LifecycleState.PRE_HIRE, employment(EmploymentStatus.ACTIVE, "2026-11-01", null));
    assertThat(Lifecycle.presenceOn(started, TODAY, FIVE_DAYS).presence())
        .isEqualTo(AccountPresence.ENABLED);
  }

  @Test
  void aNewPersonIsAJoiner() {
    Identity hire =
        person(LifecycleState.PRE_HIRE, employment(EmploymentStatus.ACTIVE, "2026-12-01", null));

    List<LifecycleEvent> events = Lifecycle.events(Optional.empty(), hire, MOVER);

    assertThat(events).extracting(LifecycleEvent::kind).containsExactly(LifecycleEventKind.JOINER);
    assertThat(events.get(0).description()).isEqualTo("joiner: lifecycle PRE_HIRE");
  }

  @Test
  void anUnchangedPersonHasNoEvents() {
    Identity active =
        person(LifecycleState.ACTIVE, employment(EmploymentStatus.ACTIVE, "2020-01-01", null));
    assertThat(Lifecycle.events(Optional.of(active), active, MOVER)).isEmpty();
    assertThat(Lifecycle.events(Optional.of(withAttribute(active, "mail", " ")), active, MOVER))
        .as("blank is absent")
        .isEmpty();
  }

  @Test
  void stateTransitionsAreNamed() {
    Employment work = employment(EmploymentStatus.ACTIVE, "2020-01-01", null);
    Identity preHire = person(LifecycleState.PRE_HIRE, work);
    Identity active = preHire.withState(LifecycleState.ACTIVE);
    Identity leave = preHire.withState(LifecycleState.SUSPENDED);
    Identity terminated = preHire.withState(LifecycleState.TERMINATED);
    Identity purged = preHire.withState(LifecycleState.PURGED);

    assertThat(kinds(preHire, active)).containsExactly(LifecycleEventKind.STARTED);
    assertThat(kinds(active, leave)).containsExactly(LifecycleEventKind.LEAVE_STARTED);
    assertThat(kinds(leave, active)).containsExactly(LifecycleEventKind.RETURNED_FROM_LEAVE);
    assertThat(kinds(active, terminated)).containsExactly(LifecycleEventKind.LEAVER);
    assertThat(kinds(leave, terminated)).containsExactly(LifecycleEventKind.LEAVER);
    assertThat(kinds(terminated, active)).containsExactly(LifecycleEventKind.REHIRE);
    assertThat(kinds(purged, preHire)).containsExactly(LifecycleEventKind.REHIRE);
    assertThat(kinds(terminated, purged)).containsExactly(LifecycleEventKind.UPDATED);
    assertThat(kinds(active, preHire)).containsExactly(LifecycleEventKind.UPDATED);
    assertThat(Lifecycle.events(Optional.of(active), terminated, MOVER).get(0).description())
        .isEqualTo("leaver: ACTIVE -> TERMINATED");
  }

  @Test
  void moverAttributesMakeAMover() {
    Identity active =
        person(LifecycleState.ACTIVE, employment(EmploymentStatus.ACTIVE, "2020-01-01", null));
    Identity moved = withAttribute(active, "department", "Sales");

    List<LifecycleEvent> events = Lifecycle.events(Optional.of(active), moved, MOVER);

    assertThat(events).hasSize(1);
    assertThat(events.get(0).kind()).isEqualTo(LifecycleEventKind.MOVER);
    assertThat(events.get(0).description()).isEqualTo("mover: department Engineering -> Sales");
    assertThat(events.get(0).changes())
        .containsExactly(new ChangedAttribute("department", "Engineering", "Sales"));
  }

  @Test
  void otherChangesAreUpdatesAndComeAfterTheMover() {
    Identity active =
        person(LifecycleState.ACTIVE, employment(EmploymentStatus.ACTIVE, "2020-01-01", null));
    Identity changed =
        withAttribute(
                withAttribute(withAttribute(active, "givenName", "Janet"), "title", "Lead"),
                "managerId",
                "p-9")
            .withEmployment(employment(EmploymentStatus.ACTIVE, "2020-01-01", "2027-01-31"));

    List<LifecycleEvent> events = Lifecycle.events(Optional.of(active), changed, MOVER);

    assertThat(events)
        .extracting(LifecycleEvent::description)
        .containsExactly(
            "mover: managerId (none) -> p-9, title Engineer -> Lead",
            "updated: givenName Jane -> Janet, employment.endDate (none) -> 2027-01-31");
  }

  @Test
  void aRehiredMoverHasBothEvents() {
    Identity gone =
        person(
            LifecycleState.TERMINATED,
            employment(EmploymentStatus.TERMINATED, "2020-01-01", "2025-01-01"));
    Identity back =
        withAttribute(gone, "department", "Sales")
            .withState(LifecycleState.ACTIVE)
            .withEmployment(employment(EmploymentStatus.ACTIVE, "2026-11-01", null));

    assertThat(kinds(gone, back))
        .containsExactly(
            LifecycleEventKind.REHIRE, LifecycleEventKind.MOVER, LifecycleEventKind.UPDATED);
  }

  @Test
  void comparingTwoPeopleIsRefused() {
    Identity one =
        person(LifecycleState.ACTIVE, employment(EmploymentStatus.ACTIVE, "2020-01-01", null));
    Identity other =
        new Identity(
            new IdentityId("p-2"), one.state(), one.attributes(), one.employment(), Map.of());
    assertThatThrownBy(() -> Lifecycle.events(Optional.of(one), other, MOVER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("p-1")
        .hasMessageContaining("p-2");
  }

  @Test
  void aNegativePrehireWindowIsRejected() {
    assertThatThrownBy(() -> new LifecyclePolicy(-1)).hasMessageContaining("lifecycle.prehireDays");
  }

  private static List<LifecycleEventKind> kinds(Identity before, Identity after) {
    return Lifecycle.events(Optional.of(before), after, MOVER).stream()
        .map(LifecycleEvent::kind)
        .toList();
  }
}
