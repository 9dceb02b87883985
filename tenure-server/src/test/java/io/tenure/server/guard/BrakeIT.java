package io.tenure.server.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tenure.cli.demo.DirectoryView;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.audit.AuditRecord;
import io.tenure.engine.execution.ExecutionSummary;
import io.tenure.engine.execution.OperationState;
import io.tenure.engine.execution.PlanRepository;
import io.tenure.engine.execution.StoredOperation;
import io.tenure.engine.guard.GuardedExecution;
import io.tenure.engine.guard.GuardedPlan;
import io.tenure.engine.guard.HoldStatus;
import io.tenure.engine.guard.PlanHold;
import io.tenure.engine.provisioning.ImportAndApply;
import io.tenure.engine.provisioning.ImportAndPlan;
import io.tenure.engine.provisioning.Provisioning;
import io.tenure.engine.provisioning.Provisioning.Scope;
import io.tenure.engine.store.Transactions;
import io.tenure.server.ingest.SourceImportSchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The mass-change brake against the real OpenLDAP and the embedded PostgreSQL: 200 people are
 * provisioned; a scheduled import applies one person's move at once; a truncated HR file
 * deprovisions nobody; a file in which 60% of the people are terminated is held (nobody disabled),
 * rejected, held again, resumed and executed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrakeIT {

  @AutoClose private DemoApplication application;
  private Path folder;
  private ConfigurableApplicationContext context;
  private Provisioning provisioning;
  private GuardedExecution guarded;
  private DirectoryView directory;

  @BeforeAll
  void start() throws Exception {
    application = new DemoApplication("brake");
    context = application.context;
    folder = application.folder;
    provisioning = context.getBean(Provisioning.class);
    guarded = context.getBean(GuardedExecution.class);
    directory = application.ldap.view();
  }

  @Test
  @Order(1)
  void theInitialLoadIsProvisioned() {
    GuardedPlan applied =
        provisioning
            .importAndApply(provisioning.sources(null, null), Scope.EVERYBODY, "test", "initial")
            .applied();
    assertThat(applied.held()).isFalse();
    assertThat(applied.execution().orElseThrow().complete()).isTrue();
    assertThat(directory.census().accounts()).isEqualTo(199);
  }

  @Test
  @Order(2)
  void aScheduledRunAppliesAMoveAtOnceAndLogsWhatItDidAndHowLong() throws Exception {
    Path configured = folder.resolve("hr").resolve("hr-1-initial-load.csv");
    String initial = Files.readString(configured);
    Logger logger = (Logger) LoggerFactory.getLogger(SourceImportSchedule.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    Level level = logger.getLevel();
    logger.setLevel(Level.INFO);
    logger.addAppender(lines);
    try {
      // Alice moves from Engineering to Sales: her engineering group goes, sales comes
      HrFiles.write(configured, (index, row) -> index == 0 ? moved(row, "Sales") : row);
      ImportAndApply moved = SourceImportSchedule.importNow(provisioning, "hr");
      assertThat(moved.imported().imports().get(0).updated()).isEqualTo(1);
      assertThat(moved.imported().plan().operations())
          .isNotEmpty()
          .extracting(op -> op.owner())
          .containsOnly(moved.imported().plan().operations().get(0).owner());
      assertThat(moved.application().orElseThrow().execution().orElseThrow().complete()).isTrue();
      // and back, as the file was
      Files.writeString(configured, initial);
      ImportAndApply back = SourceImportSchedule.importNow(provisioning, "hr");
      assertThat(back.imported().imports().get(0).updated()).isEqualTo(1);
      assertThat(back.application().orElseThrow().execution().orElseThrow().complete()).isTrue();
      assertThat(lines.list)
          .extracting(ILoggingEvent::getFormattedMessage)
          .hasSize(2)
          .allSatisfy(
              line ->
                  assertThat(line)
                      .matches(
                          "scheduled import of hr: 200 read, 0 new, 1 changed, 0 rejected,"
                              + " 0 ambiguous; [1-9][0-9]* operations planned; import, plan and"
                              + " store [0-9]+ ms, execution [0-9]+ ms"));
    } finally {
      logger.detachAppender(lines);
      logger.setLevel(level);
    }
    assertThat(directory.census().accounts()).isEqualTo(199);
  }

  @Test
  @Order(3)
  void anHrFileTruncatedToATenthOfItsRowsDeprovisionsNobody() throws Exception {
    int enabledBefore = directory.census().enabled();
    Path truncated =
        HrFiles.write(folder.resolve("truncated.csv"), (index, row) -> index < 20 ? row : null);
    ImportAndPlan result =
        provisioning
            .importAndApply(
                provisioning.sources("hr", truncated), Scope.EVERYBODY, "test", "truncated file")
            .imported();
    assertThat(result.imports().get(0).rowsRead()).isEqualTo(20);
    assertThat(result.plan().operations()).noneMatch(op -> op.kind().deprovisions());
    assertThat(directory.census().accounts()).isEqualTo(199);
    assertThat(directory.census().enabled()).isEqualTo(enabledBefore);
  }

  @Test
  @Order(4)
  void sixtyPercentTerminatedIsHeldThenRejected() throws Exception {
    int enabledBefore = directory.census().enabled();
    GuardedPlan applied = applyMassTermination();
    assertThat(applied.held()).isTrue();
    // 120 people terminated; a few of them have no enabled account to take away
    assertThat(applied.decision().breaches())
        .singleElement()
        .satisfies(
            breach -> {
              assertThat(breach.deprovisioned()).isBetween(100, 120);
              assertThat(breach.knownAccounts()).isEqualTo(199);
              assertThat(breach.allowed()).isEqualTo(9);
            });
    assertThat(applied.decision().reason()).startsWith("mass-change brake: directory: ");
    assertThat(directory.census().enabled()).isEqualTo(enabledBefore);

    List<PlanHold> held = guarded.holds(true, 10);
    assertThat(held).extracting(PlanHold::plan).containsExactly(applied.stored().id());
    assertThat(held.get(0).heldOperations()).isEqualTo(applied.decision().heldSequences().size());
    assertThat(states(applied)).containsOnly(OperationState.HELD);

    PlanHold rejected = guarded.reject(applied.stored().id(), "alice", "HR export bug, ticket 42");
    assertThat(rejected.status()).isEqualTo(HoldStatus.REJECTED);
    assertThat(rejected.decidedBy()).isEqualTo("alice");
    assertThat(states(applied)).containsOnly(OperationState.DISCARDED);
    assertThat(guarded.holds(true, 10)).isEmpty();
    assertThat(directory.census().enabled()).isEqualTo(enabledBefore);
    assertThatThrownBy(() -> guarded.resume(applied.stored().id(), "bob", "too late"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already rejected by alice");
    assertThat(audit("plan.rejected"))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.event().actor()).isEqualTo("alice");
              assertThat(event.event().reason()).isEqualTo("HR export bug, ticket 42");
            });
  }

  @Test
  @Order(5)
  void theSameMassTerminationHeldAgainAndResumedDisablesThemAll() throws Exception {
    int enabledBefore = directory.census().enabled();
    // the identities were already imported as terminated: plan for everybody again
    GuardedPlan applied = provisioning.applyGuarded(planForEverybody(), "test", "again");
    assertThat(applied.held()).isTrue();
    assertThat(directory.census().enabled()).isEqualTo(enabledBefore);
    assertThat(audit("plan.held")).hasSize(2);

    ExecutionSummary heldSummary = applied.execution().orElseThrow();
    assertThat(heldSummary.held()).isEqualTo(applied.decision().heldSequences().size());
    assertThat(heldSummary.skipped()).isZero();
    assertThat(heldSummary.complete()).isFalse();
    int deprovisioned = applied.decision().breaches().get(0).deprovisioned();
    ExecutionSummary summary = guarded.resume(applied.stored().id(), "bob", "confirmed by HR");
    assertThat(summary.failures()).as("failures").isEmpty();
    assertThat(summary.complete()).as("%s", summary).isTrue();
    assertThat(summary.counts().get(io.tenure.core.plan.OperationKind.DISABLE_ACCOUNT).succeeded())
        .isEqualTo(deprovisioned);
    assertThat(directory.census().enabled()).isLessThanOrEqualTo(enabledBefore - 100);
    assertThat(guarded.holds(false, 10))
        .filteredOn(hold -> hold.plan().equals(applied.stored().id()))
        .singleElement()
        .satisfies(hold -> assertThat(hold.status()).isEqualTo(HoldStatus.RESUMED));
    assertThat(audit("plan.resumed"))
        .singleElement()
        .satisfies(event -> assertThat(event.event().actor()).isEqualTo("bob"));
    assertThat(planForEverybody().operations()).noneMatch(op -> op.kind().deprovisions());
  }

  @Test
  @Order(6)
  void aSingleLeaverImportedIsDisabledAtOnceAndNobodyElseIsTouched() throws Exception {
    Path file =
        HrFiles.write(
            folder.resolve("one-more-leaver.csv"),
            (index, row) ->
                index < 120 || index == 150 ? HrFiles.terminated(row, "2026-01-04") : row);
    ImportAndApply result =
        provisioning.importAndApplyChanged(provisioning.sources("hr", file), "test", "import hr");
    assertThat(result.imported().imports().get(0).updated()).isEqualTo(1);
    var plan = result.imported().plan();
    assertThat(plan.operations())
        .extracting(op -> op.owner())
        .containsOnly(plan.operations().get(0).owner());
    var disable =
        plan.operations().stream()
            .filter(op -> op.kind() == io.tenure.core.plan.OperationKind.DISABLE_ACCOUNT)
            .findFirst()
            .orElseThrow();
    GuardedPlan applied = result.application().orElseThrow();
    assertThat(applied.held()).isFalse();
    assertThat(applied.execution().orElseThrow().complete()).isTrue();
    assertThat(directory.account(disable.username()))
        .hasValueSatisfying(account -> assertThat(account.enabled()).isFalse());
  }

  @Test
  @Order(7)
  void terminationsInStepsAreHeldOnceTogetherTheyGoOverTheLimitWithinTheWindow() throws Exception {
    List<GuardedPlan> steps = new java.util.ArrayList<>();
    for (int step = 1; step <= 3; step++) {
      int last = 150 + 5 * step;
      Path file =
          HrFiles.write(
              folder.resolve("leavers-step-" + step + ".csv"),
              (index, row) ->
                  index < 120 || (index >= 150 && index <= last)
                      ? HrFiles.terminated(row, "2026-01-04")
                      : row);
      steps.add(
          provisioning
              .importAndApplyChanged(provisioning.sources("hr", file), "test", "step " + step)
              .application()
              .orElseThrow());
    }
    assertThat(steps.get(0).held()).as("6 of 199 within the day: under the 9 allowed").isFalse();
    assertThat(steps.get(1).held()).as("11 of 199 within the day").isTrue();
    assertThat(steps.get(1).decision().reason())
        .contains("within P1D (6 by earlier plans, 5 by this one)")
        .contains("the brake allows 9 per P1D");
    assertThat(steps.get(2).held()).isTrue();
    assertThat(guarded.holds(true, 10))
        .extracting(PlanHold::plan)
        .contains(steps.get(1).stored().id(), steps.get(2).stored().id());
  }

  private GuardedPlan applyMassTermination() throws Exception {
    Path file =
        HrFiles.write(
            folder.resolve("mass-termination.csv"),
            (index, row) -> index < 120 ? HrFiles.terminated(row, "2026-01-04") : row);
    return provisioning
        .importAndApply(
            provisioning.sources("hr", file), Scope.EVERYBODY, "test", "mass termination")
        .applied();
  }

  private static List<String> moved(List<String> values, String department) {
    List<String> copy = new java.util.ArrayList<>(values);
    copy.set(4, department);
    return copy;
  }

  private io.tenure.core.plan.Plan planForEverybody() {
    return context.getBean(io.tenure.engine.planning.PlanningService.class).plan();
  }

  private List<OperationState> states(GuardedPlan applied) {
    PlanRepository plans = context.getBean(PlanRepository.class);
    List<StoredOperation> operations =
        context
            .getBean(Transactions.class)
            .inTransaction(() -> plans.operations(applied.stored().id()));
    return operations.stream()
        .filter(op -> applied.decision().heldSequences().contains(op.sequence()))
        .map(StoredOperation::state)
        .toList();
  }

  private List<AuditRecord> audit(String action) {
    return context.getBean(AuditLog.class).recent("plan ", 1000).stream()
        .filter(record -> record.event().action().equals(action))
        .toList();
  }
}
