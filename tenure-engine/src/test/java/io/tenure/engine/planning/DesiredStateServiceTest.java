package io.tenure.engine.planning;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.core.account.KnownAccount;
import io.tenure.core.desired.AccountPresence;
import io.tenure.core.desired.DesiredAccount;
import io.tenure.core.desired.DesiredState;
import io.tenure.core.identity.Employment;
import io.tenure.core.identity.EmploymentStatus;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.engine.testing.EngineFixture;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DesiredStateServiceTest {

  private final EngineFixture engine = new EngineFixture(Path.of("unused.csv"), "unused");
  private final DesiredStateService service =
      new DesiredStateService(
          ConfiguredPolicy.of(engine.configuration),
          engine.identities,
          engine.accounts,
          engine.clock);

  @Test
  void newUsernamesAvoidNamesHeldByIdentitiesOrphansAndEarlierInTheBatch() {
    engine.identities.save(
        person("identity-held", "Zed", "Held", EmploymentStatus.ACTIVE, null)
            .withUsername("directory", "aarcher"));
    engine.accounts.save(
        new KnownAccount(
            EngineFixture.DIRECTORY, "aarcher2", "x", null, Map.of(), true, Set.of(), null));
    Identity first = person("identity-1", "Alice", "Archer", EmploymentStatus.ACTIVE, null);
    Identity second = person("identity-2", "Anna", "Archer", EmploymentStatus.ACTIVE, null);
    engine.identities.save(first);
    engine.identities.save(second);

    DesiredState state = service.desiredFor(List.of(first, second));

    assertThat(state.accounts())
        .extracting(DesiredAccount::username)
        .containsExactly("aarcher3", "aarcher4");
    assertThat(engine.identities.get(first.id()).usernames())
        .containsEntry("directory", "aarcher3");
    DesiredState again = service.desiredFor(List.of(engine.identities.get(first.id())));
    assertThat(again.accounts().get(0).username()).as("usernames are stable").isEqualTo("aarcher3");
  }

  @Test
  void presenceEntitlementsAndAttributesFollowLifecycleAndPolicy() {
    Identity engineer =
        person("identity-1", "Alice", "Archer", EmploymentStatus.ACTIVE, "Engineering");
    Identity leaver =
        person("identity-2", "Bob", "Gone", EmploymentStatus.TERMINATED, "Engineering");
    Identity onLeave = person("identity-3", "Lea", "Leave", EmploymentStatus.LEAVE, "Sales");
    List.of(engineer, leaver, onLeave).forEach(engine.identities::save);

    DesiredState state = service.desiredFor(List.of(engineer, leaver, onLeave));

    assertThat(state.scope()).hasSize(3);
    assertThat(state.accounts()).hasSize(2);
    DesiredAccount alice = state.accounts().get(0);
    assertThat(alice.presence()).isEqualTo(AccountPresence.ENABLED);
    assertThat(alice.attributes()).containsEntry("cn", "Alice Archer");
    assertThat(alice.entitlements()).containsOnlyKeys("engineering", "staff");
    assertThat(alice.entitlements().get("engineering").render())
        .isEqualTo(
            "entitlement engineering, from role engineering, from rule engineering-birthright:"
                + " department == 'Engineering'");
    assertThat(alice.entitlements().get("staff").render())
        .as("the shortest of two paths is the reason")
        .isEqualTo("entitlement staff, from role staff, from rule everybody: employeeId != ''");
    DesiredAccount lea = state.accounts().get(1);
    assertThat(lea.presence()).isEqualTo(AccountPresence.DISABLED);
    assertThat(lea.entitlements()).containsOnlyKeys("staff");
    assertThat(engine.identities.get(leaver.id()).usernames())
        .as("a leaver without an account gets no username")
        .isEmpty();
  }

  @Test
  void rolesAssignedByHandAreGrantedUnlessLifecycleSaysNoAccount() {
    Identity seller = person("identity-1", "Sam", "Seller", EmploymentStatus.ACTIVE, "Sales");
    Identity leaver = person("identity-2", "Bob", "Gone", EmploymentStatus.TERMINATED, "Sales");
    List.of(seller, leaver).forEach(engine.identities::save);
    List<java.util.Collection<IdentityId>> asked = new java.util.ArrayList<>();
    RoleAssignments assignments =
        identities -> {
          asked.add(List.copyOf(identities));
          Map<String, io.tenure.core.plan.Reason> given =
              Map.of(
                  "engineering",
                  io.tenure.core.plan.Reason.of("SCIM group engineering (assigned by scim:okta)"),
                  "book-club",
                  io.tenure.core.plan.Reason.of("SCIM group book-club (assigned by scim:okta)"));
          return Map.of(seller.id(), given, leaver.id(), given);
        };
    DesiredStateService assigning =
        new DesiredStateService(
            ConfiguredPolicy.of(engine.configuration),
            engine.identities,
            engine.accounts,
            engine.clock,
            assignments);

    DesiredState state = assigning.desiredFor(List.of(seller, leaver));

    assertThat(asked).as("read once per batch").containsExactly(List.of(seller.id(), leaver.id()));
    DesiredAccount sam = state.accounts().get(0);
    assertThat(sam.entitlements()).containsOnlyKeys("engineering", "staff");
    assertThat(sam.entitlements().get("engineering").render())
        .isEqualTo(
            "entitlement engineering, from role engineering,"
                + " from SCIM group engineering (assigned by scim:okta)");
    assertThat(state.accounts()).as("a leaver gets no account from an assignment").hasSize(1);
  }

  @Test
  void aBatchWithoutAnyAccountReadsNoAssignmentsWithheldRolesOrRecordLocations() {
    Identity leaver =
        person("identity-1", "Bob", "Gone", EmploymentStatus.TERMINATED, "Sales")
            .withSourceAttributes("hr", Map.of("employeeId", "identity-1"));
    Identity other =
        person("identity-2", "Eve", "Gone", EmploymentStatus.TERMINATED, "Sales")
            .withSourceAttributes("hr", Map.of("employeeId", "identity-2"));
    Identity engineer =
        person("identity-3", "Alice", "Archer", EmploymentStatus.ACTIVE, "Engineering")
            .withSourceAttributes("hr", Map.of("employeeId", "identity-3"));
    List.of(leaver, other, engineer).forEach(engine.identities::save);
    List<java.util.Collection<IdentityId>> assignedAsked = new java.util.ArrayList<>();
    List<java.util.Collection<IdentityId>> withheldAsked = new java.util.ArrayList<>();
    List<java.util.Collection<IdentityId>> locationsAsked = new java.util.ArrayList<>();
    io.tenure.engine.ingest.SourceRecordLocations remembered =
        io.tenure.engine.ingest.SourceRecordLocations.inMemory();
    io.tenure.engine.ingest.SourceRecordLocations locations =
        new io.tenure.engine.ingest.SourceRecordLocations() {
          @Override
          public void remember(
              String source, Map<IdentityId, io.tenure.core.source.RecordLocation> given) {
            remembered.remember(source, given);
          }

          @Override
          public Map<IdentityId, Map<String, String>> of(
              java.util.Collection<IdentityId> identities) {
            locationsAsked.add(List.copyOf(identities));
            return remembered.of(identities);
          }
        };
    DesiredStateService counting =
        new DesiredStateService(
                ConfiguredPolicy.of(engine.configuration),
                engine.identities,
                engine.accounts,
                engine.clock,
                identities -> {
                  assignedAsked.add(List.copyOf(identities));
                  return Map.of();
                },
                TargetNames.none(),
                java.util.Optional.of(
                    new AttributeOrigins(
                        ConfiguredPolicy.of(engine.configuration).policy(),
                        io.tenure.core.source.AttributeAuthority.inOrder(List.of("hr")),
                        locations)),
                UsernameOrder.byIdentityId())
            .withholding(
                (identities, day) -> {
                  withheldAsked.add(List.copyOf(identities));
                  return Map.of();
                });

    DesiredState leavers = counting.desiredFor(List.of(leaver, other));

    assertThat(leavers.scope()).containsExactlyInAnyOrder(leaver.id(), other.id());
    assertThat(leavers.accounts()).isEmpty();
    assertThat(assignedAsked).as("no account, so no entitlements to grant").isEmpty();
    assertThat(withheldAsked).isEmpty();
    assertThat(locationsAsked).as("no account whose reasons name a record").isEmpty();

    DesiredState mixed = counting.desiredFor(List.of(leaver, engineer));

    assertThat(mixed.accounts()).hasSize(1);
    assertThat(mixed.accounts().get(0).entitlements()).containsOnlyKeys("engineering", "staff");
    assertThat(assignedAsked)
        .as("once per batch")
        .containsExactly(List.of(leaver.id(), engineer.id()));
    assertThat(withheldAsked).containsExactly(List.of(leaver.id(), engineer.id()));
    assertThat(locationsAsked)
        .as("only the account's owner")
        .containsExactly(List.of(engineer.id()));
  }

  @Test
  void collidingNewUsernamesAreNumberedInSourceOrderNotByRandomIdAcrossBatches() {
    // ids sort the other way round from the file: the id order must not decide who is first
    Identity fromLine3 = person("a-identity", "Alice", "Archer", EmploymentStatus.ACTIVE, "Sales");
    Identity fromLine2 = person("b-identity", "Anna", "Archer", EmploymentStatus.ACTIVE, "Sales");
    Identity fromLine10 = person("c-identity", "Amy", "Archer", EmploymentStatus.ACTIVE, "Sales");
    List.of(fromLine3, fromLine2, fromLine10).forEach(engine.identities::save);
    io.tenure.engine.ingest.SourceRecordLocations locations =
        io.tenure.engine.ingest.SourceRecordLocations.inMemory();
    locations.remember(
        "hr",
        Map.of(
            fromLine3.id(), new io.tenure.core.source.RecordLocation("people.csv", 3),
            fromLine2.id(), new io.tenure.core.source.RecordLocation("people.csv", 2),
            fromLine10.id(), new io.tenure.core.source.RecordLocation("people.csv", 10)));
    DesiredStateService ordered =
        new DesiredStateService(
            ConfiguredPolicy.of(engine.configuration),
            engine.identities,
            engine.accounts,
            engine.clock,
            RoleAssignments.NONE,
            TargetNames.none(),
            java.util.Optional.empty(),
            new UsernameOrder(List.of("hr"), locations));
    PlanningService planning =
        new PlanningService(
            ordered, engine.identities, engine.accounts, engine.transactions, engine.clock, 1);

    planning.plan();

    assertThat(engine.identities.get(fromLine2.id()).usernames())
        .containsEntry("directory", "aarcher");
    assertThat(engine.identities.get(fromLine3.id()).usernames())
        .containsEntry("directory", "aarcher2");
    assertThat(engine.identities.get(fromLine10.id()).usernames())
        .as("line 10 after line 3 (numerically, not as text)")
        .containsEntry("directory", "aarcher3");
  }

  private Identity person(
      String id, String given, String family, EmploymentStatus status, String department) {
    Map<String, String> attributes =
        department == null
            ? Map.of("employeeId", id, "givenName", given, "familyName", family)
            : Map.of(
                "employeeId",
                id,
                "givenName",
                given,
                "familyName",
                family,
                "department",
                department);
    return new Identity(
        new IdentityId(id),
        LifecycleState.ACTIVE,
        attributes,
        new Employment(status, LocalDate.of(2024, 1, 1), null),
        Map.of());
  }
}
