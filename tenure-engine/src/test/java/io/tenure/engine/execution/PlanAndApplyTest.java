package io.tenure.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.spi.ConnectorFactory;
import io.tenure.connector.spi.CreateCapability;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.spi.NewAccount;
import io.tenure.connector.spi.RemoteAccount;
import io.tenure.connector.testkit.FakeCall;
import io.tenure.connector.testkit.FakeConnector;
import io.tenure.connector.testkit.FakeOperation;
import io.tenure.connector.testkit.FakeTarget;
import io.tenure.core.account.KnownAccount;
import io.tenure.core.identity.Identity;
import io.tenure.core.plan.Operation;
import io.tenure.core.plan.OperationKind;
import io.tenure.core.plan.Plan;
import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.connector.ConnectorRegistry;
import io.tenure.engine.ingest.ImportSummary;
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

class PlanAndApplyTest {

  private static final String PEOPLE =
      "E1,Alice,Archer,alice@example.com,Engineering,active,2024-01-01,\n"
          + "E2,John,Smith,john@example.com,Sales,active,2024-01-01,\n"
          + "E3,John,Smith,john.smith@example.com,Sales,active,2024-01-01,\n"
          + "E4,Lea,Leave,lea@example.com,Sales,leave,2024-01-01,\n";

  @TempDir Path folder;

  private final String instance = "engine-" + UUID.randomUUID();
  private final FakeTarget target = FakeTarget.named(instance);
  private EngineFixture engine;

  @AfterEach
  void forgetTarget() {
    FakeTarget.forget(instance);
  }

  private EngineFixture engine() throws IOException {
    return engine(null);
  }

  private EngineFixture engine(java.util.function.Supplier<ConnectorRegistry> connectors)
      throws IOException {
    Path file = folder.resolve("people.csv");
    Files.writeString(file, Sources.HEADER + PEOPLE);
    engine = new EngineFixture(file, instance, connectors);
    ImportSummary summary = engine.importer.importSource(engine.source());
    assertThat(summary.created()).isEqualTo(4);
    return engine;
  }

  private void reimport(String rows) throws IOException {
    Files.writeString(folder.resolve("people.csv"), Sources.HEADER + rows);
    engine.importer.importSource(engine.source());
  }

  @Test
  void planThenApplyThenPlanAgainIsEmpty() throws IOException {
    engine();
    Plan plan = engine.planning.plan();
    assertThat(plan.countByKind())
        .containsEntry(OperationKind.CREATE_ACCOUNT, 4)
        .containsEntry(OperationKind.ADD_ENTITLEMENT, 5);
    assertThat(plan.operations().get(0).kind()).isEqualTo(OperationKind.CREATE_ACCOUNT);

    ExecutionSummary summary = engine.execution.apply(plan, "cli:test", "apply");

    assertThat(summary.complete()).isTrue();
    assertThat(summary.succeeded()).isEqualTo(plan.size());
    assertThat(target.accountNames())
        .containsExactlyInAnyOrder("aarcher", "jsmith", "jsmith2", "lleave");
    RemoteAccount alice = target.account("aarcher").orElseThrow();
    assertThat(alice.enabled()).isTrue();
    assertThat(alice.entitlements()).containsExactly("engineering", "staff");
    assertThat(alice.first("cn")).contains("Alice Archer");
    assertThat(target.account("lleave").orElseThrow().enabled())
        .as("a person on leave has a disabled account that keeps its memberships")
        .isFalse();
    assertThat(target.account("lleave").orElseThrow().entitlements()).containsExactly("staff");
    assertThat(engine.identities.byAttribute("employeeId", "E3").usernames())
        .containsEntry("directory", "jsmith2");
    assertThat(engine.planning.plan().operations()).isEmpty();

    AuditEvent created =
        engine.audit.events().stream()
            .filter(event -> event.action().equals("operation.succeeded"))
            .filter(event -> event.subject().equals("directory/aarcher"))
            .findFirst()
            .orElseThrow();
    assertThat(created.actor()).isEqualTo("cli:test");
    assertThat(created.reason()).isEqualTo("lifecycle ACTIVE");
    assertThat(engine.plans.recent(1).get(0).trigger()).isEqualTo("apply");
  }

  @Test
  void aLeaverIsDisabledThenDeletedAfterRetentionAndARehireGetsTheSameAccountBack()
      throws IOException {
    engine();
    engine.execution.apply(engine.planning.plan(), "cli:test", "apply");

    reimport(
        PEOPLE.replace(
            "Engineering,active,2024-01-01,", "Engineering,terminated,2024-01-01,2026-03-01"));
    Plan leaver = engine.planning.plan();
    assertThat(leaver.operations())
        .extracting(Operation::describe)
        .containsExactly(
            "remove directory/aarcher from engineering",
            "remove directory/aarcher from staff",
            "disable directory/aarcher");
    assertThat(engine.execution.apply(leaver, "cli:test", "apply").complete()).isTrue();
    assertThat(engine.planning.plan().isEmpty()).isTrue();
    assertThat(engine.deletedOwners).as("only a delete tells the listener").isEmpty();

    engine.clock.advance(Duration.ofDays(31));
    Plan retention = engine.planning.plan();
    assertThat(retention.operations())
        .extracting(Operation::describe)
        .containsExactly("delete directory/aarcher");
    engine.execution.apply(retention, "cli:test", "apply");
    assertThat(target.accountNames()).doesNotContain("aarcher");
    assertThat(engine.accounts.find(EngineFixture.DIRECTORY, "aarcher")).isEmpty();
    assertThat(engine.deletedOwners)
        .containsExactly(engine.identities.byAttribute("employeeId", "E1").id());

    reimport(PEOPLE.replace("Engineering,active,2024-01-01,", "Engineering,active,2026-04-05,"));
    Plan rehire = engine.planning.plan();
    assertThat(rehire.operations())
        .extracting(Operation::describe)
        .contains("create directory/aarcher (disabled)");
    engine.execution.apply(rehire, "cli:test", "apply");
    Identity alice = engine.identities.byAttribute("employeeId", "E1");
    assertThat(alice.usernames()).containsEntry("directory", "aarcher");
    assertThat(engine.planning.plan().isEmpty()).isTrue();
  }

  @Test
  void aFailingOperationIsRecordedAndOnlyTheRestOfThatAccountIsSkipped() throws IOException {
    engine();
    target.failNext(1, ErrorKind.PERMISSION, FakeCall.on(FakeOperation.GRANT, "aarcher"));
    Plan plan = engine.planning.plan();

    ExecutionSummary summary = engine.execution.apply(plan, "cli:test", "apply");

    assertThat(summary.counts().get(OperationKind.ADD_ENTITLEMENT))
        .isEqualTo(new ExecutionSummary.KindCounts(3, 1, 1, 0));
    assertThat(summary.counts().get(OperationKind.CREATE_ACCOUNT))
        .isEqualTo(new ExecutionSummary.KindCounts(4, 0, 0, 0));
    assertThat(summary.failures()).hasSize(1);
    ExecutionSummary.Failure failure = summary.failures().get(0);
    assertThat(failure.description()).isEqualTo("add directory/aarcher to engineering");
    assertThat(failure.outcome().errorKind()).isEqualTo(ErrorKind.PERMISSION);
    assertThat(failure.outcome().state()).isEqualTo(OperationState.PARKED);

    List<StoredOperation> stored = engine.plans.operations(summary.plan());
    StoredOperation failed = find(stored, "add directory/aarcher to engineering");
    assertThat(failed.state()).isEqualTo(OperationState.PARKED);
    assertThat(failed.lastError()).contains("injected PERMISSION");
    assertThat(engine.plans.attempts(failed.id()).get(0).errorKind())
        .isEqualTo(ErrorKind.PERMISSION);
    assertThat(find(stored, "add directory/aarcher to staff").state())
        .isEqualTo(OperationState.SKIPPED);
    assertThat(find(stored, "add directory/jsmith to staff").state())
        .isEqualTo(OperationState.SUCCEEDED);
    assertThat(target.account("aarcher").orElseThrow().entitlements()).isEmpty();
    assertThat(target.account("jsmith").orElseThrow().entitlements()).containsExactly("staff");
    assertThat(engine.audit.events())
        .filteredOn(event -> event.action().equals("operation.failed"))
        .singleElement()
        .satisfies(event -> assertThat(event.subject()).isEqualTo("directory/aarcher"));

    assertThat(engine.planning.plan().operations())
        .extracting(Operation::describe)
        .containsExactly("add directory/aarcher to engineering", "add directory/aarcher to staff");
  }

  @Test
  void aRetryableFailureStaysFailedAndRunningThePlanAgainRetriesIt() throws IOException {
    engine();
    target.failNext(1, ErrorKind.BUSY, FakeCall.on(FakeOperation.CREATE, "jsmith"));
    ExecutionSummary first = engine.execution.apply(engine.planning.plan(), "cli:test", "apply");
    assertThat(first.failures().get(0).outcome().state()).isEqualTo(OperationState.FAILED);
    assertThat(first.skipped()).isEqualTo(1);

    ExecutionSummary again = engine.execution.execute(first.plan(), "cli:test");

    assertThat(again.counts().get(OperationKind.CREATE_ACCOUNT))
        .isEqualTo(new ExecutionSummary.KindCounts(1, 0, 0, 0));
    assertThat(target.accountNames()).contains("jsmith");
    assertThat(engine.planning.plan().operations())
        .extracting(Operation::describe)
        .containsExactly("add directory/jsmith to staff");
  }

  @Test
  void aNewPersonNeverGetsTheNameOfAnAccountAlreadyOnTheTarget() throws IOException {
    target.seed(NewAccount.of("aarcher", Map.of("cn", "A. Archer", "description", "kept"), false));
    engine();

    ExecutionSummary summary = engine.execution.apply(engine.planning.plan(), "cli:test", "apply");

    assertThat(summary.complete()).isTrue();
    assertThat(engine.identities.byAttribute("employeeId", "E1").usernames())
        .containsEntry("directory", "aarcher2");
    RemoteAccount untouched = target.account("aarcher").orElseThrow();
    assertThat(untouched.enabled()).isFalse();
    assertThat(untouched.first("cn")).contains("A. Archer");
    assertThat(target.account("aarcher2").orElseThrow().first("cn")).contains("Alice Archer");
    assertThat(engine.accounts.find(EngineFixture.DIRECTORY, "aarcher")).isEmpty();
  }

  @Test
  void aCreateThatFindsAnAccountThatIsNotThePersonsParksAndLeavesItUntouched() throws IOException {
    engine();
    Plan plan = engine.planning.plan();
    target.seed(NewAccount.of("aarcher", Map.of("cn", "A. Archer", "description", "kept"), false));
    target.seed(NewAccount.of("jsmith", Map.of("cn", "Former admin"), false));
    new FakeConnector(target, 100).grant(AccountReference.named("jsmith"), "domain-admins");

    ExecutionSummary summary = engine.execution.apply(plan, "cli:test", "apply");

    StoredOperation create =
        find(engine.plans.operations(summary.plan()), "create directory/aarcher");
    assertThat(create.state()).isEqualTo(OperationState.PARKED);
    assertThat(create.lastError())
        .startsWith(OperationRunner.NOT_OURS)
        .contains("directory/aarcher exists on the target")
        .contains("left untouched");
    assertThat(engine.plans.attempts(create.id()).get(0).errorKind())
        .isEqualTo(ErrorKind.CONSTRAINT);
    assertThat(
            find(engine.plans.operations(summary.plan()), "add directory/aarcher to staff").state())
        .isEqualTo(OperationState.SKIPPED);
    RemoteAccount old = target.account("jsmith").orElseThrow();
    assertThat(old.enabled()).isFalse();
    assertThat(old.first("cn")).contains("Former admin");
    assertThat(old.entitlements()).containsExactly("domain-admins");
    assertThat(target.account("aarcher").orElseThrow().first("cn")).contains("A. Archer");
    assertThat(engine.accounts.find(EngineFixture.DIRECTORY, "aarcher")).isEmpty();
    assertThat(engine.audit.events())
        .anyMatch(
            event ->
                event.action().equals("operation.parked")
                    && event.subject().equals("directory/aarcher"));
  }

  @Test
  void aCreateThatFindsWhatItsEarlierAttemptMadeAdoptsIt() throws IOException {
    engine();
    Plan plan = engine.planning.plan();
    target.seed(
        NewAccount.of("aarcher", Map.of("cn", "Alice Archer", "mail", "alice@example.com"), true));

    ExecutionSummary summary = engine.execution.apply(plan, "cli:test", "apply");

    assertThat(summary.complete()).isTrue();
    StoredOperation create =
        find(engine.plans.operations(summary.plan()), "create directory/aarcher");
    assertThat(engine.plans.attempts(create.id()).get(0).message())
        .isEqualTo(
            "linked the existing account fake:1 (it holds exactly what this create writes (an"
                + " earlier attempt made it))");
    KnownAccount known = engine.accounts.find(EngineFixture.DIRECTORY, "aarcher").orElseThrow();
    assertThat(known.nativeId()).isEqualTo("fake:1");
    assertThat(known.owner()).isEqualTo(engine.identities.byAttribute("employeeId", "E1").id());
    assertThat(target.account("aarcher").orElseThrow().entitlements())
        .containsExactly("engineering", "staff");
    assertThat(engine.planning.plan().isEmpty()).isTrue();
  }

  @Test
  void aConnectorWithoutTheNeededCapabilityFailsPermanentlyWithAClearMessage() throws IOException {
    ConnectorFactory createOnly =
        new ConnectorFactory() {
          @Override
          public String type() {
            return "fake";
          }

          @Override
          public Connector create(ConnectorConfiguration configuration) {
            return new CreateOnly();
          }
        };
    engine(() -> ConnectorRegistry.of(List.of(createOnly), engine.configuration.targets()));

    ExecutionSummary summary = engine.execution.apply(engine.planning.plan(), "cli:test", "apply");

    assertThat(summary.counts().get(OperationKind.CREATE_ACCOUNT).succeeded()).isEqualTo(4);
    assertThat(summary.counts().get(OperationKind.ADD_ENTITLEMENT))
        .isEqualTo(new ExecutionSummary.KindCounts(0, 4, 1, 0));
    OperationOutcome outcome = summary.failures().get(0).outcome();
    assertThat(outcome.state()).isEqualTo(OperationState.PARKED);
    assertThat(outcome.errorKind()).isEqualTo(ErrorKind.CONFIGURATION);
    assertThat(outcome.message())
        .isEqualTo(
            "target 'directory' (connector type 'create-only') cannot add entitlement:"
                + " its connector does not implement EntitlementCapability");
  }

  @Test
  void planningInSmallBatchesGivesTheSamePlanAsOneBatch() throws IOException {
    engine();
    Plan whole = engine.planning.plan();
    io.tenure.engine.planning.PlanningService small =
        new io.tenure.engine.planning.PlanningService(
            new io.tenure.engine.planning.DesiredStateService(
                io.tenure.engine.planning.ConfiguredPolicy.of(engine.configuration),
                engine.identities,
                engine.accounts,
                engine.clock),
            engine.identities,
            engine.accounts,
            engine.transactions,
            engine.clock,
            1);
    assertThat(small.plan()).isEqualTo(whole);
    Identity alice = engine.identities.byAttribute("employeeId", "E1");
    assertThat(engine.planning.planFor(List.of(alice.id())).operations())
        .extracting(Operation::describe)
        .containsExactly(
            "create directory/aarcher",
            "add directory/aarcher to engineering",
            "add directory/aarcher to staff");
  }

  private static StoredOperation find(List<StoredOperation> operations, String description) {
    return operations.stream()
        .filter(operation -> operation.operation().describe().equals(description))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no operation " + description));
  }

  /** A connector that can only create accounts. */
  private static final class CreateOnly implements Connector, CreateCapability {
    private int next = 1;

    @Override
    public String type() {
      return "create-only";
    }

    @Override
    public RemoteAccount create(NewAccount account) {
      return new RemoteAccount(
          "create-only:" + next++,
          account.name(),
          account.attributes(),
          account.enabled(),
          java.util.Set.of());
    }

    @Override
    public void close() {}
  }
}
