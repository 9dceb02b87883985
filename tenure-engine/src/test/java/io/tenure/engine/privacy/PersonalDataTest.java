package io.tenure.engine.privacy;

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
              "alice@example.com"),
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
    Map<String, String> replace = PersonalData.personalValues(alice, "pseudonym-abc");
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

  private AuditEvent event(
      String action, String subject, String reason, Map<String, String> details) {
    return new AuditEvent(clock.instant(), "test", action, subject, reason, "success", details);
  }
}
