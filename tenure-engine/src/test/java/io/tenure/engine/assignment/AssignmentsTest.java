package io.tenure.engine.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.core.identity.Employment;
import io.tenure.core.identity.EmploymentStatus;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.core.plan.AddEntitlement;
import io.tenure.core.plan.Operation;
import io.tenure.core.plan.Plan;
import io.tenure.core.plan.RemoveEntitlement;
import io.tenure.core.policy.RoleName;
import io.tenure.engine.planning.ConfiguredPolicy;
import io.tenure.engine.planning.DesiredStateService;
import io.tenure.engine.planning.PlanningService;
import io.tenure.engine.planning.RoleAssignments;
import io.tenure.engine.testing.EngineFixture;
import io.tenure.engine.testing.InMemoryAssignmentRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Assignments grant roles in planning while active, with their origin as the reason, and stop
 * granting when they end or lapse.
 */
class AssignmentsTest {

  private final EngineFixture engine = new EngineFixture(Path.of("unused.csv"), "unused");
  private final InMemoryAssignmentRepository repository = new InMemoryAssignmentRepository();
  private final ConfiguredPolicy policy = ConfiguredPolicy.of(engine.configuration);
  private final Assignments assignments =
      new Assignments(
          repository,
          engine.audit,
          engine.clock,
          role -> policy.policy().roles().find(role).isPresent());
  private final PlanningService planning =
      new PlanningService(
          new DesiredStateService(
              policy,
              engine.identities,
              engine.accounts,
              engine.clock,
              RoleAssignments.combined(
                  RoleAssignments.NONE, new ActiveAssignments(repository, engine.clock))),
          engine.identities,
          engine.accounts,
          engine.transactions,
          engine.clock);
  private final Identity seller = person("E2001", "Sam", "Seller", "Sales");

  @Test
  void anActiveAssignmentGrantsItsRoleWithTheOriginAsReason() {
    Instant until = engine.clock.instant().plus(Duration.ofDays(30));
    assignments.grant(
        seller.id(),
        RoleName.of("engineering"),
        AssignmentOrigin.request("R-12"),
        null,
        until,
        "person:E1100");

    Plan plan = planning.planFor(List.of(seller.id()));

    AddEntitlement add = only(plan, AddEntitlement.class, "engineering");
    assertThat(add.reason().render())
        .startsWith(
            "entitlement engineering, from role engineering, from request R-12 (until "
                + until
                + ")");
    assertThat(engine.audit.recent(null, 10))
        .anySatisfy(
            record -> {
              assertThat(record.event().action()).isEqualTo("assignment.granted");
              assertThat(record.event().actor()).isEqualTo("person:E1100");
              assertThat(record.event().details()).containsEntry("origin", "request R-12");
            });
  }

  @Test
  void anAssignmentStopsGrantingAtItsEndAndWhenEnded() {
    Instant until = engine.clock.instant().plus(Duration.ofDays(2));
    Assignment granted =
        assignments.grant(
            seller.id(),
            RoleName.of("engineering"),
            AssignmentOrigin.request("R-1"),
            null,
            until,
            "person:E1100");
    assertThat(repository.activeFor(List.of(seller.id()), engine.clock.instant())).hasSize(1);

    engine.clock.advance(Duration.ofDays(2));

    assertThat(new ActiveAssignments(repository, engine.clock).assignedTo(List.of(seller.id())))
        .as("not active at its end (exclusive)")
        .isEmpty();
    assertThat(assignments.endLapsed("schedule:access-end"))
        .extracting(Assignment::id)
        .containsExactly(granted.id());
    assertThat(repository.find(granted.id()).orElseThrow().endReason())
        .isEqualTo("ended on " + until);
    assertThat(assignments.endLapsed("schedule:access-end")).as("ended once").isEmpty();
  }

  @Test
  void endingARevocationRemovesTheEntitlementInTheNextPlan() {
    Assignment granted =
        assignments.grant(
            seller.id(),
            RoleName.of("engineering"),
            AssignmentOrigin.exception("R-3"),
            null,
            null,
            "person:E1100");
    engine.accounts.save(
        new io.tenure.core.account.KnownAccount(
            EngineFixture.DIRECTORY,
            "sseller",
            "sseller",
            seller.id(),
            Map.of("cn", "Sam Seller"),
            true,
            Set.of("staff", "engineering"),
            null));
    engine.identities.save(seller.withUsername("directory", "sseller"));

    assertThat(assignments.end(granted.id(), "person:E1100", "no longer needed")).isTrue();
    assertThat(assignments.end(granted.id(), "person:E1100", "twice")).isFalse();

    Plan plan = planning.planFor(List.of(seller.id()));
    RemoveEntitlement removal = only(plan, RemoveEntitlement.class, "engineering");
    assertThat(removal).isNotNull();
    assertThat(plan.operations()).noneMatch(operation -> operation instanceof AddEntitlement);
  }

  @Test
  void grantRefusesUnknownRolesAndEmptyWindows() {
    assertThatThrownBy(
            () ->
                assignments.grant(
                    seller.id(),
                    RoleName.of("pilot"),
                    AssignmentOrigin.request("R-1"),
                    null,
                    null,
                    "cli"))
        .hasMessageContaining("no role named 'pilot'");
    assertThatThrownBy(
            () ->
                assignments.grant(
                    seller.id(),
                    RoleName.of("engineering"),
                    AssignmentOrigin.request("R-1"),
                    null,
                    engine.clock.instant(),
                    "cli"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(repository.of(seller.id())).isEmpty();
  }

  @Test
  void theLongerOfTwoAssignmentsOfOneRoleIsTheReason() {
    Instant soon = engine.clock.instant().plus(Duration.ofDays(1));
    assignments.grant(
        seller.id(),
        RoleName.of("engineering"),
        AssignmentOrigin.request("R-1"),
        null,
        soon,
        "cli");
    assignments.grant(
        seller.id(),
        RoleName.of("engineering"),
        AssignmentOrigin.request("R-2"),
        null,
        null,
        "cli");

    assertThat(
            new ActiveAssignments(repository, engine.clock)
                .assignedTo(List.of(seller.id()))
                .get(seller.id())
                .get("engineering")
                .render())
        .isEqualTo("request R-2");
  }

  private <T extends Operation> T only(Plan plan, Class<T> type, String entitlement) {
    List<T> found =
        plan.operations().stream()
            .filter(type::isInstance)
            .map(type::cast)
            .filter(operation -> operation.toString().contains("entitlement=" + entitlement + ","))
            .toList();
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private Identity person(String employeeId, String given, String family, String department) {
    Identity identity =
        new Identity(
            new IdentityId("identity-" + employeeId),
            LifecycleState.ACTIVE,
            Map.of(
                "employeeId",
                employeeId,
                "givenName",
                given,
                "familyName",
                family,
                "department",
                department),
            new Employment(EmploymentStatus.ACTIVE, LocalDate.of(2020, 1, 1), null),
            Map.of());
    engine.identities.save(identity);
    return identity;
  }
}
