package io.tenure.governance.report;

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
import io.tenure.engine.reconciliation.Finding;
import io.tenure.engine.reconciliation.FindingAction;
import io.tenure.engine.reconciliation.Situation;
import io.tenure.engine.testing.CountingTransactions;
import io.tenure.engine.testing.InMemoryAccountRepository;
import io.tenure.engine.testing.InMemoryAuditLog;
import io.tenure.engine.testing.InMemoryFindingRepository;
import io.tenure.engine.testing.InMemoryIdentityRepository;
import io.tenure.engine.testing.MutableClock;
import io.tenure.governance.certification.RecordedException;
import io.tenure.governance.certification.RecordedExceptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each report on data whose answer is known. */
class ComplianceReportsTest {

  private static final TargetId DIRECTORY = new TargetId("directory");
  private static final String STAFF_REASON =
      "entitlement staff, from role staff, from rule employees: employmentType == 'employee'";
  private static final String ENGINEERING_REASON =
      "entitlement engineering, from role engineering, from rule engineering-birthright:"
          + " department == 'Engineering'";

  private final InMemoryIdentityRepository identities = new InMemoryIdentityRepository();
  private final InMemoryAccountRepository accounts = new InMemoryAccountRepository();
  private final InMemoryFindingRepository findings = new InMemoryFindingRepository();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final List<RecordedException> exceptions = new ArrayList<>();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-05T12:00:00Z"));
  private ComplianceReports reports;

  @BeforeEach
  void data() {
    person("ada", "E1", "Ada", "Lovelace", LifecycleState.ACTIVE, null);
    person("bob", "E2", "Bob", "Stone", LifecycleState.TERMINATED, LocalDate.of(2026, 3, 1));
    person("cy", "E3", "Cy", "Young", LifecycleState.TERMINATED, LocalDate.of(2026, 2, 26));
    person("dan", "E4", "Dan", "Brown", LifecycleState.TERMINATED, LocalDate.of(2026, 3, 3));

    // day 1: everybody joins with staff
    for (String who : List.of("ada", "bob", "cy", "dan")) {
      operation(
          "2026-02-01T09:00:00Z", "CREATE_ACCOUNT", who, null, "account, from rule employees");
      operation("2026-02-01T09:00:01Z", "ADD_ENTITLEMENT", who, "staff", STAFF_REASON);
    }
    // day 3: Ada gets engineering
    operation("2026-02-03T09:00:00Z", "ADD_ENTITLEMENT", "ada", "engineering", ENGINEERING_REASON);
    // Cy leaves (effective 2026-02-27T00:00Z), disabled two days later
    operation(
        "2026-03-01T00:00:00Z",
        "REMOVE_ENTITLEMENT",
        "cy",
        "staff",
        "no longer granted, from lifecycle TERMINATED");
    operation("2026-03-01T00:00:00Z", "DISABLE_ACCOUNT", "cy", null, "lifecycle TERMINATED");
    // Bob leaves (effective 2026-03-02T00:00Z), disabled six hours later
    operation(
        "2026-03-02T06:00:00Z",
        "REMOVE_ENTITLEMENT",
        "bob",
        "staff",
        "no longer granted, from lifecycle TERMINATED");
    operation("2026-03-02T06:00:00Z", "DISABLE_ACCOUNT", "bob", null, "lifecycle TERMINATED");
    // a reconciliation fix and a campaign revocation
    operation(
        "2026-03-04T10:00:00Z",
        "ENABLE_ACCOUNT",
        "ada",
        null,
        "reconciliation of directory: drifted");

    account("ada", true, "engineering", "staff");
    account("bob", false);
    account("cy", false);
    account("dan", true, "staff"); // Dan's disable has not happened: a broken target

    findings.saveAll(
        List.of(
            finding("orphan1", Situation.ORPHAN, null),
            finding("ada2", Situation.UNLINKED, "ada"),
            finding("ada", Situation.DRIFTED, "ada")));
    exceptions.add(
        new RecordedException(
            "x1",
            RecordedException.Kind.REVOKED_BIRTHRIGHT,
            new IdentityId("ada"),
            "engineering",
            "engineering-birthright",
            "campaign q1: not needed",
            "E1100",
            Instant.parse("2026-03-04T15:00:00Z"),
            "q1",
            LocalDate.of(2026, 12, 31)));
    reports =
        new ComplianceReports(
            identities,
            accounts,
            findings,
            audit,
            new ListedExceptions(),
            new CountingTransactions(),
            clock,
            List.of(DIRECTORY));
  }

  @Test
  void accessNowListsEveryAccountAndEntitlementWithItsRoleRuleAndGrant() {
    ReportTable access = reports.run(ReportName.ACCESS, ReportRequest.now());

    assertThat(access.records())
        .filteredOn(row -> row.get("employeeId").equals("E1"))
        .extracting(
            row ->
                row.get("entitlement")
                    + "|"
                    + row.get("role")
                    + "|"
                    + row.get("rule")
                    + "|"
                    + row.get("granted"))
        .containsExactly(
            "engineering|engineering|engineering-birthright|2026-02-03T09:00:00Z",
            "staff|staff|employees|2026-02-01T09:00:01Z");
    assertThat(access.column("account")).containsExactly("ada", "ada", "bob", "cy", "dan");
    assertThat(access.summary()).containsEntry("accounts", "4").containsEntry("entitlements", "3");
  }

  @Test
  void accessAsOfAPastDayIsReconstructedFromTheAuditTrail() {
    ReportTable day2 = reports.run(ReportName.ACCESS, ReportRequest.asOf(LocalDate.of(2026, 2, 2)));
    assertThat(day2.records())
        .extracting(
            row -> row.get("account") + ":" + row.get("enabled") + ":" + row.get("entitlement"))
        .containsExactly("ada:true:staff", "bob:true:staff", "cy:true:staff", "dan:true:staff");

    ReportTable march1 =
        reports.run(ReportName.ACCESS, ReportRequest.asOf(LocalDate.of(2026, 3, 1)));
    assertThat(march1.records())
        .extracting(
            row -> row.get("account") + ":" + row.get("enabled") + ":" + row.get("entitlement"))
        .containsExactly(
            "ada:true:engineering",
            "ada:true:staff",
            "bob:true:staff",
            "cy:false:",
            "dan:true:staff");

    ReportTable beforeEverything =
        reports.run(ReportName.ACCESS, ReportRequest.asOf(LocalDate.of(2026, 1, 31)));
    assertThat(beforeEverything.rows()).isEmpty();
  }

  @Test
  void accessByRoleGroupsByRoleAndByTargetByAccount() {
    assertThat(reports.run(ReportName.ACCESS_BY_ROLE, ReportRequest.now()).column("role"))
        .containsExactly("", "", "engineering", "staff", "staff");
    assertThat(reports.run(ReportName.ACCESS_BY_TARGET, ReportRequest.now()).column("account"))
        .containsExactly("ada", "ada", "bob", "cy", "dan");
  }

  @Test
  void terminatedWithAccessNamesTheLeaverWhoseAccountIsStillEnabled() {
    ReportTable terminated = reports.run(ReportName.TERMINATED_WITH_ACCESS, ReportRequest.now());
    assertThat(terminated.records())
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get("employeeId")).isEqualTo("E4");
              assertThat(row.get("enabled")).isEqualTo("true");
              assertThat(row.get("entitlements")).isEqualTo("staff");
            });
  }

  @Test
  void orphansListsOrphanAndUnlinkedAccountsOnly() {
    ReportTable orphans = reports.run(ReportName.ORPHANS, ReportRequest.now());
    assertThat(orphans.records())
        .extracting(row -> row.get("account") + ":" + row.get("situation"))
        .containsExactly("ada2:unlinked", "orphan1:orphan");
  }

  @Test
  void exceptionsListTheRevokedBirthrightWithItsEndDate() {
    ReportTable listed = reports.run(ReportName.EXCEPTIONS, ReportRequest.now());
    assertThat(listed.records())
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get("employeeId")).isEqualTo("E1");
              assertThat(row.get("kind")).isEqualTo("revoked-birthright");
              assertThat(row.get("rule")).isEqualTo("engineering-birthright");
              assertThat(row.get("until")).isEqualTo("2026-12-31");
              assertThat(row.get("inForce")).isEqualTo("true");
            });
    assertThat(
            reports.run(ReportName.EXCEPTIONS, ReportRequest.asOf(LocalDate.of(2026, 3, 3))).rows())
        .as("not decided yet then")
        .isEmpty();
  }

  @Test
  void leaverTimelinessMeasuresEffectiveTimeToLastDisableWithPercentiles() {
    ReportTable timeliness = reports.run(ReportName.LEAVER_TIMELINESS, ReportRequest.now());
    assertThat(timeliness.records())
        .extracting(row -> row.get("employeeId") + ":" + row.get("took") + ":" + row.get("status"))
        .containsExactly("E2:PT6H:done", "E3:PT48H:done", "E4::open");
    assertThat(timeliness.summary())
        .containsEntry("leavers", "3")
        .containsEntry("done", "2")
        .containsEntry("open", "1")
        .containsEntry("p50", "PT6H")
        .containsEntry("p95", "PT48H")
        .containsEntry("max", "PT48H");
  }

  @Test
  void changesAreCountedByCauseInThePeriod() {
    ReportTable changes =
        reports.run(
            ReportName.CHANGES,
            new ReportRequest(null, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 5)));
    assertThat(changes.records())
        .extracting(row -> row.get("cause") + ":" + row.get("kind") + ":" + row.get("changes"))
        .containsExactly(
            "hr-change:DISABLE_ACCOUNT:2",
            "hr-change:REMOVE_ENTITLEMENT:2",
            "reconciliation:ENABLE_ACCOUNT:1");
    ReportTable february =
        reports.run(
            ReportName.CHANGES,
            new ReportRequest(null, LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 2)));
    assertThat(february.summary()).containsEntry("rule", "8").containsEntry("changes", "8");
  }

  @Test
  void everyFormatCarriesTheRows() {
    ReportTable table = reports.run(ReportName.ORPHANS, ReportRequest.now());
    StringWriter csv = new StringWriter();
    ReportWriter.write(table, ReportWriter.Format.csv, new PrintWriter(csv));
    assertThat(csv.toString())
        .startsWith("target,account,situation,")
        .contains("directory,orphan1,orphan");
    StringWriter json = new StringWriter();
    ReportWriter.write(table, ReportWriter.Format.json, new PrintWriter(json));
    assertThat(json.toString())
        .contains("\"report\" : \"orphans\"")
        .contains("\"account\" : \"orphan1\"");
    StringWriter text = new StringWriter();
    ReportWriter.write(table, ReportWriter.Format.text, new PrintWriter(text));
    assertThat(text.toString()).contains("orphan1").contains("accounts: 2");
  }

  @Test
  void anUnknownReportNamesTheReportsThereAre() {
    assertThatThrownBy(() -> ReportName.of("who"))
        .hasMessageContaining("no report named 'who'")
        .hasMessageContaining("leaver-timeliness");
  }

  private void person(
      String id,
      String employeeId,
      String given,
      String family,
      LifecycleState state,
      @Nullable LocalDate end) {
    identities.save(
        new Identity(
            new IdentityId(id),
            state,
            Map.of("employeeId", employeeId, "givenName", given, "familyName", family),
            new Employment(
                state == LifecycleState.ACTIVE
                    ? EmploymentStatus.ACTIVE
                    : EmploymentStatus.TERMINATED,
                LocalDate.of(2026, 2, 1),
                end),
            Map.of("directory", id)));
  }

  private void operation(
      String at, String kind, String who, @Nullable String entitlement, String reason) {
    Map<String, String> details = new TreeMap<>();
    details.put("kind", kind);
    details.put("owner", who);
    details.put("target", "directory");
    details.put("username", who);
    if (entitlement != null) {
      details.put("entitlement", entitlement);
    }
    String actor = reason.startsWith("reconciliation") ? "reconcile:directory" : "cli:test";
    audit.append(
        new AuditEvent(
            Instant.parse(at),
            actor,
            "operation.succeeded",
            "directory/" + who,
            reason,
            "success",
            details));
  }

  private void account(String who, boolean enabled, String... entitlements) {
    accounts.save(
        new KnownAccount(
            DIRECTORY,
            who,
            "uid=" + who,
            new IdentityId(who),
            Map.of(),
            enabled,
            Set.of(entitlements),
            null));
  }

  private static Finding finding(String username, Situation situation, @Nullable String owner) {
    return new Finding(
        DIRECTORY,
        username,
        situation,
        owner == null ? null : new IdentityId(owner),
        owner == null ? null : LifecycleState.ACTIVE,
        true,
        List.of(),
        "found",
        FindingAction.NONE,
        Instant.parse("2026-03-04T00:00:00Z"));
  }

  private final class ListedExceptions implements RecordedExceptions {
    @Override
    public void record(RecordedException exception) {
      exceptions.add(exception);
    }

    @Override
    public List<RecordedException> all() {
      return List.copyOf(exceptions);
    }

    @Override
    public Map<IdentityId, Set<String>> revokedRoles(Collection<IdentityId> people, LocalDate day) {
      return Map.of();
    }
  }
}
