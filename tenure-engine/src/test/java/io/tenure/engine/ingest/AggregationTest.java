package io.tenure.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.core.identity.Identity;
import io.tenure.core.identity.LifecycleState;
import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.configuration.JdbcSourceSettings;
import io.tenure.engine.configuration.LifecycleColumns;
import io.tenure.engine.configuration.LifecycleSettings;
import io.tenure.engine.configuration.ScimSettings;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.configuration.StoreSettings;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.execution.QueueSettings;
import io.tenure.engine.testing.CountingTransactions;
import io.tenure.engine.testing.InMemoryAuditLog;
import io.tenure.engine.testing.InMemoryIdentityRepository;
import io.tenure.engine.testing.MutableClock;
import io.tenure.engine.testing.SequentialIds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Several sources feed one identity store: an HR table decides employees, a CRM table knows
 * contractors (and some employees), a mail table gives addresses by authority and makes nobody.
 */
class AggregationTest {

  private final InMemoryIdentityRepository identities = new InMemoryIdentityRepository();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final MutableClock clock = MutableClock.on(LocalDate.of(2026, 3, 2));
  private final SourceRecordLocations locations = SourceRecordLocations.inMemory();

  private final TableReader hrTable =
      new TableReader("employee_id", "first_name", "last_name", "email", "dept", "status", "hired");
  private final TableReader crmTable =
      new TableReader("contractor_id", "name", "surname", "mail", "dept", "state", "since");
  private final TableReader mailTable = new TableReader("employee_id", "address");

  private final SourceDefinition hr =
      source(
          "hr",
          "hr_people",
          "employeeId",
          List.of("email"),
          Map.of(
              "employeeId", "employee_id",
              "givenName", "first_name",
              "familyName", "last_name",
              "email", "email",
              "department", "dept"),
          new LifecycleColumns(
              "status", LifecycleColumns.defaultStatusValues(), "hired", null, "yyyy-MM-dd"));
  private final SourceDefinition crm =
      source(
          "crm",
          "contractors",
          "contractorId",
          List.of("email"),
          Map.of(
              "contractorId", "contractor_id",
              "givenName", "name",
              "familyName", "surname",
              "email", "mail",
              "department", "dept"),
          new LifecycleColumns(
              "state", LifecycleColumns.defaultStatusValues(), "since", null, "yyyy-MM-dd"));
  private final SourceDefinition mail =
      source(
              "mail",
              "mailboxes",
              "employeeId",
              List.of(),
              Map.of("employeeId", "employee_id", "email", "address"),
              null)
          .withCreatesIdentities(false);

  private final TenureConfiguration configuration =
      new TenureConfiguration(
          StoreSettings.embedded(),
          LifecycleSettings.defaults(),
          QueueSettings.defaults(),
          List.of(hr, crm, mail),
          List.of(),
          List.of(),
          List.of(),
          ScimSettings.defaults(),
          Map.of("email", List.of("mail"), "default", List.of("hr", "crm")));

  private final IdentityImporter importer =
      new IdentityImporter(
              identities,
              audit,
              new CountingTransactions(),
              new SequentialIds(),
              clock,
              LifecycleSettings.defaults(),
              configuration.attributeAuthority())
          .withSources(
              new SourceAccess(
                  SourceReaders.with(Map.of("table", sourceOf())),
                  SourceCheckpoints.none(),
                  locations));

  private SourceReader sourceOf() {
    return (source, checkpoint) ->
        switch (source.name()) {
          case "hr" -> hrTable.open(source, checkpoint);
          case "crm" -> crmTable.open(source, checkpoint);
          default -> mailTable.open(source, checkpoint);
        };
  }

  private static SourceDefinition source(
      String name,
      String table,
      String key,
      List<String> fallbackKeys,
      Map<String, String> attributes,
      @Nullable LifecycleColumns lifecycle) {
    return new SourceDefinition(
            name,
            "table",
            Path.of(""),
            key,
            fallbackKeys,
            new LinkedHashMap<>(attributes),
            Set.of(),
            lifecycle,
            StandardCharsets.UTF_8)
        .withConnection("table", new JdbcSourceSettings("jdbc:test", null, null, table, null));
  }

  @Test
  void sourcesAreCorrelatedIntoOnePersonAndEachAttributeComesFromItsAuthority() {
    hrTable.rows(
        "E1,Ada,Lovelace,ada@example.com,Engineering,active,2024-01-01",
        "E2,Bob,Baker,bob@example.com,Sales,active,2024-01-01");
    crmTable.rows(
        "C1,Carla,Contractor,carla@partner.example,Support,active,2026-01-01",
        "C2,Ada,Lovelace,ada@example.com,Marketing,active,2025-06-01");
    mailTable.rows("E1,ada.lovelace@example.com", "E9,nobody@example.com");

    assertThat(importer.importSource(hr).created()).isEqualTo(2);
    ImportSummary fromCrm = importer.importSource(crm);
    ImportSummary fromMail = importer.importSource(mail);

    assertThat(fromCrm.created()).as("the contractor only the CRM knows").isEqualTo(1);
    assertThat(fromCrm.updated()).as("Ada, found by e-mail").isEqualTo(1);
    assertThat(fromCrm.disagreements()).isEqualTo(1);
    assertThat(fromMail.unmatched()).isEqualTo(1);
    assertThat(fromMail.problems())
        .singleElement()
        .satisfies(problem -> assertThat(problem.render()).startsWith("mailboxes:E9: no identity"));
    assertThat(identities.count()).isEqualTo(3);

    Identity ada = identities.byAttribute("employeeId", "E1");
    assertThat(ada.attributes())
        .containsEntry("department", "Engineering")
        .containsEntry("contractorId", "C2")
        .containsEntry("email", "ada.lovelace@example.com");
    assertThat(ada.employment().start())
        .as("hr decides Ada's employment")
        .contains(LocalDate.of(2024, 1, 1));
    assertThat(locations.of(List.of(ada.id())).get(ada.id()))
        .containsEntry("hr", "hr_people:E1")
        .containsEntry("crm", "contractors:C2")
        .containsEntry("mail", "mailboxes:E1");
    assertThat(reasons("identity.source-disagreement"))
        .containsExactly(
            "contractors:C2: department: hr says Engineering, crm says Marketing (kept: hr)",
            "mailboxes:E1: email: mail says ada.lovelace@example.com, crm says ada@example.com"
                + " (kept: mail)",
            "mailboxes:E1: email: mail says ada.lovelace@example.com, hr says ada@example.com"
                + " (kept: mail)");
    assertThat(new Disagreements(configuration.attributeAuthority()).of(ada))
        .extracting(Disagreement::describe)
        .containsExactly(
            "department: hr says Engineering, crm says Marketing (kept: hr)",
            "email: mail says ada.lovelace@example.com, crm says ada@example.com (kept: mail)",
            "email: mail says ada.lovelace@example.com, hr says ada@example.com (kept: mail)");

    Identity carla = identities.byAttribute("contractorId", "C1");
    assertThat(carla.state()).isEqualTo(LifecycleState.ACTIVE);
    assertThat(carla.employment().start()).contains(LocalDate.of(2026, 1, 1));
  }

  @Test
  void eachSourceDecidesTheEmploymentOfThePeopleItLeadsAndImportsInAnyOrderDoNotFlap() {
    hrTable.rows("E1,Ada,Lovelace,ada@example.com,Engineering,active,2024-01-01");
    crmTable.rows(
        "C1,Carla,Contractor,carla@partner.example,Support,active,2026-01-01",
        "C2,Ada,Lovelace,ada@example.com,Marketing,active,2025-06-01");
    mailTable.rows("E1,ada.lovelace@example.com");
    importer.importSource(hr);
    importer.importSource(crm);
    importer.importSource(mail);
    Identity adaBefore = identities.byAttribute("employeeId", "E1");

    crmTable.rows(
        "C1,Carla,Contractor,carla@partner.example,Support,terminated,2026-01-01",
        "C2,Ada,Lovelace,ada@example.com,Marketing,terminated,2025-06-01");
    importer.importSource(crm);
    importer.importSource(hr);
    importer.importSource(mail);

    assertThat(identities.byAttribute("contractorId", "C1").state())
        .as("a contractor leaves by the CRM")
        .isEqualTo(LifecycleState.TERMINATED);
    Identity ada = identities.byAttribute("employeeId", "E1");
    assertThat(ada.state())
        .as("the CRM does not decide an employee's lifecycle")
        .isEqualTo(LifecycleState.ACTIVE);
    assertThat(ada.attributes()).isEqualTo(adaBefore.attributes());
    assertThat(reasons("identity.source-disagreement")).as("reported once, not again").hasSize(3);
  }

  @Test
  void aRecordMatchingSeveralPeopleIsReportedAndLinksNobody() {
    hrTable.rows(
        "E1,Ada,Lovelace,shared@example.com,Engineering,active,2024-01-01",
        "E2,Bob,Baker,shared@example.com,Sales,active,2024-01-01");
    crmTable.rows("C7,Sam,Shared,shared@example.com,Support,active,2026-01-01");
    SourceDefinition hrByEmployeeIdOnly =
        source("hr", "hr_people", "employeeId", List.of(), hr.attributes(), hr.lifecycle());
    assertThat(importer.importSource(hrByEmployeeIdOnly).created()).isEqualTo(2);

    ImportSummary summary = importer.importSource(crm);

    assertThat(summary.ambiguous()).isEqualTo(1);
    assertThat(summary.problems().get(0).render()).startsWith("contractors:C7: ambiguous");
    assertThat(identities.count()).isEqualTo(2);
    assertThat(reasons("identity.correlation-refused")).hasSize(1);
  }

  private List<String> reasons(String action) {
    return audit.events().stream()
        .filter(event -> event.action().equals(action))
        .map(AuditEvent::reason)
        .toList();
  }
}
