package io.tenure.governance.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.core.account.KnownAccount;
import io.tenure.core.account.TargetId;
import io.tenure.core.identity.Employment;
import io.tenure.core.identity.EmploymentStatus;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.testing.CountingTransactions;
import io.tenure.engine.testing.InMemoryAccountRepository;
import io.tenure.engine.testing.InMemoryAuditLog;
import io.tenure.engine.testing.InMemoryIdentityRepository;
import io.tenure.engine.testing.MutableClock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PersonalDataTest {

  private final InMemoryIdentityRepository identities = new InMemoryIdentityRepository();
  private final InMemoryAccountRepository accounts = new InMemoryAccountRepository();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final PersonalData data =
      new PersonalData(identities, accounts, audit, new CountingTransactions(), clock, () -> "abc");
  private final Identity alice =
      new Identity(
          new IdentityId("id-1"),
          LifecycleState.TERMINATED,
          Map.of(
              "employeeId",
              "E1001",
              "givenName",
              "Alice",
              "familyName",
              "Martin",
              "email",
              "alice@example.com",
              "department",
              "Engineering",
              "badge",
              "B-77"),
          new Employment(
              EmploymentStatus.TERMINATED, LocalDate.of(2020, 1, 1), LocalDate.of(2026, 1, 4)),
          Map.of("directory", "amartin"));

  @Test
  void theExportHoldsAttributesAccountsAccessHistoryAndAuditEvents() {
    identities.save(alice);
    accounts.save(
        new KnownAccount(
            new TargetId("directory"),
            "amartin",
            "uid=amartin",
            alice.id(),
            Map.of(),
            false,
            Set.of(),
            null));
    audit.append(event("identity.leaver", "identity id-1", "leaver from hr", Map.of()));
    audit.append(
        event(
            "operation.succeeded",
            "directory/amartin",
            "lifecycle TERMINATED",
            Map.of("owner", "id-1")));
    audit.append(event("identity.joiner", "identity someone-else", "joiner", Map.of()));

    String json = data.export("E1001").toString();
    assertThat(json)
        .contains(
            "\"givenName\":\"Alice\"",
            "\"username\":\"amartin\"",
            "identity.leaver",
            "directory/amartin")
        .doesNotContain("someone-else");
    assertThat(data.export("id-1").get("accessHistory").size()).isEqualTo(1);
    assertThat(data.export("id-1").get("auditEvents").size()).isEqualTo(1);
    assertThatThrownBy(() -> data.export("E9999")).hasMessageContaining("nobody has");
  }

  @Test
  void pseudonymisingWaitsForTheRetentionDelete() {
    identities.save(alice);
    accounts.save(
        new KnownAccount(
            new TargetId("directory"),
            "amartin",
            null,
            alice.id(),
            Map.of(),
            false,
            Set.of(),
            null));
    assertThatThrownBy(() -> data.pseudonymise("E1001", "test"))
        .hasMessageContaining("still has 1 account");
    Map<String, String> active = new HashMap<>(alice.attributes());
    identities.save(alice.withState(LifecycleState.ACTIVE));
    assertThatThrownBy(() -> data.pseudonymise("E1001", "test")).hasMessageContaining("is ACTIVE");
    assertThat(active).isNotEmpty();
  }

  @Test
  void aPseudonymisedEventKeepsItsTimeActionAndOutcomeAndLosesEveryPersonalValue() {
    Map<String, String> replace =
        PersonalData.personalValues(alice, "pseudonym-abc", PersonalData.IDENTIFYING_BY_DEFAULT);
    AuditEvent original =
        event(
            "operation.succeeded",
            "directory/amartin",
            "create directory/amartin for Alice Martin (E1001)",
            Map.of(
                "owner", "id-1", "change", "create directory/amartin", "kind", "CREATE_ACCOUNT"));
    AuditEvent replaced = PersonalData.replaced(original, replace);
    assertThat(replaced.at()).isEqualTo(original.at());
    assertThat(replaced.action()).isEqualTo("operation.succeeded");
    assertThat(replaced.outcome()).isEqualTo("success");
    assertThat(replaced.subject()).isEqualTo("directory/[removed]");
    assertThat(replaced.reason())
        .isEqualTo("create directory/[removed] for [removed] [removed] ([removed])");
    assertThat(replaced.details())
        .containsEntry("owner", "pseudonym-abc")
        .containsEntry("kind", "CREATE_ACCOUNT")
        .containsEntry("change", "create directory/[removed]");
    assertThat(List.of(replaced.toString()))
        .noneMatch(text -> text.contains("Alice") || text.contains("amartin"));
  }

  @Test
  void onlyTheValuesThatIdentifyThePersonAreRemoved() {
    PersonalData withBadge =
        new PersonalData(
            identities,
            accounts,
            audit,
            new CountingTransactions(),
            clock,
            () -> "abc",
            Set.of("badge"));
    identities.save(alice);
    audit.append(
        event(
            "operation.succeeded",
            "directory/amartin",
            "ALICE MARTIN left Engineering; Annual review by Martinez; badge B-77",
            Map.of(
                "owner", "id-1", "departmentNumber", "Engineering", "mail", "alice@example.com")));
    withBadge.pseudonymise("E1001", "test");
    AuditEvent replaced = audit.events().get(0);
    assertThat(replaced.reason())
        .isEqualTo(
            "[removed] [removed] left Engineering; Annual review by Martinez; badge [removed]");
    assertThat(replaced.details())
        .containsEntry("departmentNumber", "Engineering")
        .containsEntry("mail", "[removed]")
        .containsEntry("owner", "pseudonym-abc");
  }

  @Test
  void theRetentionDeleteOfTheLastAccountPseudonymisesOnceAndNeverBefore() {
    identities.save(alice);
    KnownAccount directory =
        new KnownAccount(
            new TargetId("directory"),
            "amartin",
            null,
            alice.id(),
            Map.of(),
            false,
            Set.of(),
            null);
    KnownAccount mail =
        new KnownAccount(
            new TargetId("mail"), "amartin", null, alice.id(), Map.of(), false, Set.of(), null);
    accounts.save(directory);
    accounts.save(mail);
    audit.append(event("identity.leaver", "identity id-1", "leaver E1001", Map.of()));

    accounts.delete(directory.target(), directory.username());
    assertThat(data.afterAccountDeleted(alice.id(), "worker")).isEmpty();
    assertThat(identities.find(alice.id()).orElseThrow().state())
        .isEqualTo(LifecycleState.TERMINATED);

    accounts.delete(mail.target(), mail.username());
    assertThat(data.afterAccountDeleted(alice.id(), "worker"))
        .hasValueSatisfying(done -> assertThat(done.records()).isEqualTo(1));
    Identity purged = identities.find(alice.id()).orElseThrow();
    assertThat(purged.state()).isEqualTo(LifecycleState.PURGED);
    assertThat(purged.attributes()).containsOnlyKeys("pseudonym");
    assertThat(audit.events().get(0).reason()).isEqualTo("leaver [removed]");
    assertThat(audit.events())
        .filteredOn(event -> event.action().equals("audit.pseudonymised"))
        .singleElement()
        .satisfies(event -> assertThat(event.actor()).isEqualTo("worker"));

    int before = audit.events().size();
    assertThat(data.afterAccountDeleted(alice.id(), "worker")).isEmpty();
    assertThat(data.pseudonymise("id-1", "test").records()).isZero();
    assertThat(audit.events()).hasSize(before);
  }

  @Test
  void theDeleteOfAnActivePersonsAccountPseudonymisesNothing() {
    identities.save(alice.withState(LifecycleState.ACTIVE));
    assertThat(data.afterAccountDeleted(alice.id(), "worker")).isEmpty();
    assertThat(identities.find(alice.id()).orElseThrow().attributes()).containsKey("givenName");
  }

  private AuditEvent event(
      String action, String subject, String reason, Map<String, String> details) {
    return new AuditEvent(clock.instant(), "test", action, subject, reason, "success", details);
  }
}
