package io.tenure.engine.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.AttributeDelta;
import io.tenure.connector.spi.NewAccount;
import io.tenure.connector.spi.RemoteAccount;
import io.tenure.connector.testkit.FakeConnector;
import io.tenure.connector.testkit.FakeOperation;
import io.tenure.connector.testkit.FakeTarget;
import io.tenure.core.identity.LifecycleState;
import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.testing.EngineFixture;
import io.tenure.engine.testing.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcilerTest {

  private static final String PEOPLE =
      "E1,Alice,Archer,alice@example.com,Engineering,active,2024-01-01,\n"
          + "E2,John,Smith,john@example.com,Sales,active,2024-01-01,\n"
          + "E3,John,Smith,john.smith@example.com,Sales,active,2024-01-01,\n"
          + "E4,Lea,Leave,lea@example.com,Sales,leave,2024-01-01,\n";

  @TempDir Path folder;

  private final String instance = "reconcile-" + UUID.randomUUID();
  private final FakeTarget target = FakeTarget.named(instance);
  private final FakeConnector hand = new FakeConnector(target, 100);
  private ReconciliationFixture fixture;

  @AfterEach
  void forgetTarget() {
    FakeTarget.forget(instance);
  }

  /** People imported; with {@code applied}, their accounts created as policy says. */
  private ReconciliationFixture fixture(boolean applied) throws IOException {
    Path file = folder.resolve("people.csv");
    Files.writeString(file, Sources.HEADER + PEOPLE);
    EngineFixture engine = new EngineFixture(file, instance);
    engine.importer.importSource(engine.source());
    if (applied) {
      assertThat(engine.execution.apply(engine.planning.plan(), "cli:test", "apply").complete())
          .isTrue();
    }
    fixture = new ReconciliationFixture(engine);
    return fixture;
  }

  private void reimport(String rows) throws IOException {
    Files.writeString(folder.resolve("people.csv"), Sources.HEADER + rows);
    fixture.engine.importer.importSource(fixture.engine.source());
  }

  @Test
  void compliantAccountsAreCountedAndLeftUntouched() throws IOException {
    fixture(true);
    target.resetCalls();

    ReconciliationReport report = fixture.reconcile(ReconcileMode.FIX);

    assertThat(report.count(Situation.COMPLIANT)).isEqualTo(4);
    assertThat(report.counts()).containsOnlyKeys(Situation.COMPLIANT);
    assertThat(report.plannedOperations()).isZero();
    assertThat(report.execution()).isNull();
    assertThat(fixture.findings.all()).isEmpty();
    assertThat(target.totalCalls())
        .as("only the paged read: nothing written")
        .isEqualTo(target.calls(FakeOperation.ACCOUNTS));
    assertThat(target.openStreams()).isZero();
  }

  @Test
  void anOrphanIsReportedThenDisabledThenDeletedAfterRetention() throws IOException {
    fixture(true);
    target.seed(NewAccount.of("ghost", Map.of("cn", "Nobody Known"), true));

    fixture.reconcile(ReconcileMode.REPORT);
    Finding reported = fixture.finding("ghost");
    assertThat(reported.situation()).isEqualTo(Situation.ORPHAN);
    assertThat(reported.owner()).isNull();
    assertThat(reported.action()).isEqualTo(FindingAction.NONE);
    assertThat(reported.detail())
        .contains("no identity owns it, and target directory has no correlation rule");
    assertThat(target.account("ghost").orElseThrow().enabled()).isTrue();
    assertThat(fixture.engine.accounts.find(EngineFixture.DIRECTORY, "ghost"))
        .as("report mode changes no known account")
        .isEmpty();

    assertThat(fixture.reconcile(ReconcileMode.FIX).plannedOperations())
        .as("by default an orphan is only reported, even when fixing")
        .isZero();
    assertThat(target.account("ghost").orElseThrow().enabled()).isTrue();

    fixture.settings.put(
        EngineFixture.DIRECTORY,
        new ReconciliationSettings(
            List.of(),
            new ReconciliationPolicy(
                Remedy.FIX,
                Remedy.FIX,
                Remedy.LINK,
                Remedy.DELETE_AFTER_RETENTION,
                Duration.ofDays(10)),
            new OrphanScope(List.of(), List.of("svc-*"))));
    ReconciliationReport fix = fixture.reconcile(ReconcileMode.FIX);

    assertThat(fix.plannedOperations()).isEqualTo(1);
    assertThat(target.account("ghost").orElseThrow().enabled()).isFalse();
    assertThat(fixture.finding("ghost").action()).isEqualTo(FindingAction.FIXED);
    assertThat(fixture.finding("ghost").differences()).containsExactly("disable directory/ghost");
    AuditEvent disabled =
        fixture.engine.audit.events().stream()
            .filter(event -> event.subject().equals("directory/ghost"))
            .findFirst()
            .orElseThrow();
    assertThat(disabled.reason())
        .startsWith("reconciliation found orphan account directory/ghost: no identity owns it");
    assertThat(fixture.engine.plans.recent(1).get(0).trigger()).isEqualTo("reconcile directory");

    fixture.engine.clock.advance(Duration.ofDays(5));
    assertThat(fixture.reconcile(ReconcileMode.FIX).plannedOperations())
        .as("retention not over yet")
        .isZero();
    assertThat(target.accountNames()).contains("ghost");

    fixture.engine.clock.advance(Duration.ofDays(6));
    ReconciliationReport delete = fixture.reconcile(ReconcileMode.FIX);
    assertThat(delete.plannedOperations()).isEqualTo(1);
    assertThat(target.accountNames()).doesNotContain("ghost");
    assertThat(fixture.finding("ghost").differences()).containsExactly("delete directory/ghost");
    assertThat(fixture.engine.accounts.find(EngineFixture.DIRECTORY, "ghost")).isEmpty();
  }

  @Test
  void driftIsReportedWithItsDifferencesThenReverted() throws IOException {
    fixture(true);
    AccountReference alice = AccountReference.named("aarcher");
    hand.update(alice, List.of(AttributeDelta.replace("mail", "hacker@example.org")));
    hand.revoke(alice, "staff");
    hand.grant(alice, "admins");
    hand.disable(alice);

    ReconciliationReport report = fixture.reconcile(ReconcileMode.REPORT);

    assertThat(report.count(Situation.DRIFTED)).isEqualTo(1);
    assertThat(report.count(Situation.COMPLIANT)).isEqualTo(3);
    Finding drift = fixture.finding("aarcher");
    assertThat(drift.situation()).isEqualTo(Situation.DRIFTED);
    assertThat(drift.owner()).isNotNull();
    assertThat(drift.differences())
        .containsExactly(
            "update directory/aarcher (mail: \"hacker@example.org\" -> \"alice@example.com\")",
            "enable directory/aarcher",
            "add directory/aarcher to staff");
    assertThat(target.account("aarcher").orElseThrow().enabled()).isFalse();

    ReconciliationReport fix = fixture.reconcile(ReconcileMode.FIX);

    assertThat(fix.executionSummary().orElseThrow().complete()).isTrue();
    RemoteAccount reverted = target.account("aarcher").orElseThrow();
    assertThat(reverted.enabled()).isTrue();
    assertThat(reverted.first("mail")).contains("alice@example.com");
    assertThat(reverted.entitlements())
        .as("a group no role names is somebody else's: neither drift nor revoked")
        .containsExactly("admins", "engineering", "staff");
    assertThat(fixture.finding("aarcher").action()).isEqualTo(FindingAction.FIXED);
    assertThat(fixture.engine.audit.events())
        .filteredOn(event -> event.subject().equals("directory/aarcher"))
        .filteredOn(event -> event.action().equals("operation.succeeded"))
        .last()
        .extracting(AuditEvent::reason)
        .asString()
        .startsWith("reconciliation found directory/aarcher drifted from policy");

    assertThat(fixture.reconcile(ReconcileMode.FIX).count(Situation.COMPLIANT)).isEqualTo(4);
    assertThat(fixture.findings.all()).isEmpty();
    assertThat(fixture.engine.planning.plan().isEmpty()).isTrue();
  }

  @Test
  void aMissingAccountIsReportedThenCreated() throws IOException {
    fixture(true);
    hand.delete(AccountReference.named("jsmith"));

    fixture.reconcile(ReconcileMode.REPORT);
    Finding missing = fixture.finding("jsmith");
    assertThat(missing.situation()).isEqualTo(Situation.MISSING);
    assertThat(missing.differences())
        .contains("create directory/jsmith", "add directory/jsmith to staff");
    assertThat(target.accountNames()).doesNotContain("jsmith");

    ReconciliationReport fix = fixture.reconcile(ReconcileMode.FIX);

    assertThat(fix.count(Situation.MISSING)).isEqualTo(1);
    assertThat(target.account("jsmith").orElseThrow().entitlements()).containsExactly("staff");
    assertThat(fixture.finding("jsmith").action()).isEqualTo(FindingAction.FIXED);
    assertThat(fixture.reconcile(ReconcileMode.FIX).count(Situation.COMPLIANT)).isEqualTo(4);
    assertThat(fixture.engine.planning.plan().isEmpty()).isTrue();
  }

  @Test
  void anAmbiguousAccountIsReportedAndNeverTouched() throws IOException {
    fixture(true);
    fixture.settings.put(
        EngineFixture.DIRECTORY,
        new ReconciliationSettings(
            List.of(
                AccountCorrelationRule.byUsername(),
                new AccountCorrelationRule("departmentNumber", "department")),
            ReconciliationPolicy.defaults()));
    target.seed(NewAccount.of("sales-temp", Map.of("departmentNumber", "Sales"), true));
    target.resetCalls();

    ReconciliationReport report = fixture.reconcile(ReconcileMode.FIX);

    Finding ambiguous = fixture.finding("sales-temp");
    assertThat(ambiguous.situation()).isEqualTo(Situation.AMBIGUOUS);
    assertThat(ambiguous.detail()).contains("ambiguous").contains("department = 'Sales'");
    assertThat(ambiguous.action()).isEqualTo(FindingAction.NONE);
    assertThat(report.plannedOperations()).isZero();
    assertThat(target.account("sales-temp").orElseThrow().enabled()).isTrue();
    assertThat(target.totalCalls()).isEqualTo(target.calls(FakeOperation.ACCOUNTS));
    assertThat(fixture.engine.accounts.find(EngineFixture.DIRECTORY, "sales-temp")).isEmpty();
  }

  @Test
  void anUnlinkedAccountIsLinkedToItsPersonAndBroughtToPolicy() throws IOException {
    fixture(false);
    fixture.settings.put(
        EngineFixture.DIRECTORY,
        new ReconciliationSettings(
            List.of(
                AccountCorrelationRule.byUsername(),
                new AccountCorrelationRule("employeeNumber", "employeeId")),
            ReconciliationPolicy.defaults()));
    target.seed(
        NewAccount.of("alice.a", Map.of("employeeNumber", "E1", "cn", "Alice Archer"), true));

    fixture.reconcile(ReconcileMode.REPORT);
    assertThat(fixture.finding("alice.a").situation()).isEqualTo(Situation.UNLINKED);
    assertThat(fixture.finding("alice.a").detail()).contains("matched").contains("employeeId");
    assertThat(fixture.engine.identities.byAttribute("employeeId", "E1").usernames())
        .doesNotContainKey("directory");

    ReconciliationReport fix = fixture.reconcile(ReconcileMode.FIX);

    assertThat(fix.linked()).isEqualTo(1);
    assertThat(fix.count(Situation.MISSING)).as("the three others").isEqualTo(3);
    assertThat(fixture.engine.identities.byAttribute("employeeId", "E1").usernames())
        .containsEntry("directory", "alice.a");
    RemoteAccount alice = target.account("alice.a").orElseThrow();
    assertThat(alice.entitlements()).containsExactly("engineering", "staff");
    assertThat(alice.first("mail")).contains("alice@example.com");
    assertThat(target.accountNames())
        .containsExactlyInAnyOrder("alice.a", "jsmith", "jsmith2", "lleave");
    assertThat(fixture.engine.planning.plan().isEmpty())
        .as("planning afterwards agrees: no second account for Alice")
        .isTrue();
  }

  @Test
  void terminatedPeopleWithEnabledAccountsAreReportedUntilFixed() throws IOException {
    fixture(true);
    reimport(
        PEOPLE.replace(
            "Engineering,active,2024-01-01,", "Engineering,terminated,2024-01-01,2026-03-01"));

    fixture.reconcile(ReconcileMode.REPORT);
    List<Finding> report =
        fixture.findings.stream(FindingQuery.terminatedWithEnabledAccounts(null)).toList();
    assertThat(report).extracting(Finding::username).containsExactly("aarcher");
    assertThat(report.get(0).ownerState()).isEqualTo(LifecycleState.TERMINATED);

    fixture.reconcile(ReconcileMode.FIX);

    assertThat(fixture.findings.count(FindingQuery.terminatedWithEnabledAccounts(null))).isZero();
    assertThat(target.account("aarcher").orElseThrow().enabled()).isFalse();
    assertThat(target.account("aarcher").orElseThrow().entitlements()).isEmpty();
  }

  @Test
  void anOrphanOutsideTheOrphanScopeIsOnlyReportedWhateverThePolicy() throws IOException {
    fixture(true);
    target.seed(NewAccount.of("svc-backup", Map.of("cn", "Backup service"), true));
    target.seed(NewAccount.of("ghost", Map.of("cn", "Nobody Known"), true));
    fixture.settings.put(
        EngineFixture.DIRECTORY,
        new ReconciliationSettings(
            List.of(),
            new ReconciliationPolicy(
                Remedy.FIX, Remedy.FIX, Remedy.LINK, Remedy.DISABLE, Duration.ofDays(10)),
            new OrphanScope(List.of(), List.of("SVC-*"))));

    fixture.reconcile(ReconcileMode.FIX);

    assertThat(target.account("svc-backup").orElseThrow().enabled()).isTrue();
    Finding service = fixture.finding("svc-backup");
    assertThat(service.situation()).isEqualTo(Situation.ORPHAN);
    assertThat(service.action()).isEqualTo(FindingAction.NONE);
    assertThat(service.detail()).contains("outside the orphan scope");
    assertThat(target.account("ghost").orElseThrow().enabled()).isFalse();
  }

  @Test
  void anOrphanRemedyWithoutAScopeIsRefused() {
    ReconciliationPolicy disabling =
        new ReconciliationPolicy(
            Remedy.FIX, Remedy.FIX, Remedy.LINK, Remedy.DISABLE, Duration.ofDays(10));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new ReconciliationSettings(List.of(), disabling))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reconciliation.orphans");
  }

  @Test
  void anAccountNamedLikeAPersonsUsernameIsNotLinkedWithoutAnIdentifyingRule() throws IOException {
    fixture(false);
    target.seed(NewAccount.of("aarcher", Map.of("cn", "A. Archer, former admin"), false));

    fixture.reconcile(ReconcileMode.FIX);

    Finding finding = fixture.finding("aarcher");
    assertThat(finding.situation()).isEqualTo(Situation.ORPHAN);
    assertThat(finding.action()).isEqualTo(FindingAction.NONE);
    assertThat(target.account("aarcher").orElseThrow().enabled()).isFalse();
    assertThat(target.account("aarcher").orElseThrow().first("cn"))
        .contains("A. Archer, former admin");
    assertThat(fixture.engine.accounts.find(EngineFixture.DIRECTORY, "aarcher")).isEmpty();
  }

  @Test
  void findingsExportAsCsvAndJson() throws IOException {
    fixture(true);
    target.seed(NewAccount.of("ghost \"quoted\", comma", Map.of(), true));
    fixture.reconcile(ReconcileMode.REPORT);

    StringBuilder csv = new StringBuilder();
    long rows = FindingExport.csv(fixture.findings.stream(FindingQuery.all()), csv);
    assertThat(rows).isEqualTo(1);
    assertThat(csv.toString())
        .startsWith(
            "target,username,situation,owner,ownerState,accountEnabled,action,foundAt,detail,"
                + "differences\r\n")
        .contains("directory,\"ghost \"\"quoted\"\", comma\",ORPHAN,,,true,NONE,");

    StringBuilder json = new StringBuilder();
    FindingExport.json(fixture.findings.stream(FindingQuery.all()), json);
    assertThat(json.toString())
        .contains("\"username\": \"ghost \\\"quoted\\\", comma\"")
        .contains("\"situation\": \"ORPHAN\"")
        .contains("\"owner\": null")
        .contains("\"differences\": []");
  }
}
