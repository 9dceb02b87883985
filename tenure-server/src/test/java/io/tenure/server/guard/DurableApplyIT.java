package io.tenure.server.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.cli.demo.DirectoryView;
import io.tenure.core.account.TargetId;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.Plan;
import io.tenure.engine.account.AccountRepository;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.execution.ExecutionService;
import io.tenure.engine.execution.OperationAttempt;
import io.tenure.engine.execution.OperationId;
import io.tenure.engine.execution.PlanId;
import io.tenure.engine.execution.PlanRepository;
import io.tenure.engine.execution.StoredOperation;
import io.tenure.engine.execution.StoredPlan;
import io.tenure.engine.guard.GuardedExecution;
import io.tenure.engine.guard.GuardedPlan;
import io.tenure.engine.guard.HeldPlanRepository;
import io.tenure.engine.ingest.IdentityImporter;
import io.tenure.engine.planning.PlanningService;
import io.tenure.engine.provisioning.ImportAndApply;
import io.tenure.engine.provisioning.Provisioning;
import io.tenure.engine.provisioning.Provisioning.Scope;
import io.tenure.engine.store.IdGenerator;
import io.tenure.engine.store.Transactions;
import io.tenure.server.CommittedAuditEvents;
import io.tenure.store.JdbcStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Durable execution against the embedded PostgreSQL and the real OpenLDAP: the identity changes of
 * an import, their audit events and the plan they call for are kept in one transaction or not at
 * all; applying again while the stored plan has not run queues nothing twice and finishes it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DurableApplyIT {

  @AutoClose private DemoApplication application;
  private ConfigurableApplicationContext context;
  private Provisioning provisioning;
  private DirectoryView directory;
  private JdbcTemplate jdbc;
  private ImportAndApply stored;

  @BeforeAll
  void start() throws Exception {
    application = new DemoApplication("durable");
    context = application.context;
    provisioning = context.getBean(Provisioning.class);
    directory = application.ldap.view();
    jdbc = new JdbcTemplate(context.getBean(DataSource.class));
  }

  @Test
  @Order(1)
  void whenThePlanCannotBeStoredTheImportAndItsAuditEventsAreRolledBackToo() {
    Provisioning failing =
        provisioningWithPlans(new FailingAfterCreate(context.getBean(PlanRepository.class)));

    long auditEvents = count(CommittedAuditEvents.count("%"));
    for (Scope scope : Scope.values()) {
      assertThatThrownBy(
              () ->
                  failing.importPlanAndStore(
                      failing.sources(null, null), scope, "test", "apply " + scope))
          .as(scope.name())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("the disk is full");

      assertThat(count("select count(*) from identities")).as("identities").isZero();
      assertThat(count(CommittedAuditEvents.count("%"))).as("audit events").isEqualTo(auditEvents);
      assertThat(count("select count(*) from plans")).as("plans").isZero();
      assertThat(count("select count(*) from operations")).as("operations").isZero();
    }
    assertThat(directory.census().accounts()).isZero();
  }

  @Test
  @Order(2)
  void whenThePlanIsStoredTheIdentitiesTheirAuditEventsAndItsOperationsAreAllKept() {
    stored =
        provisioning.importPlanAndStore(
            provisioning.sources(null, null), Scope.EVERYBODY, "test", "apply");

    long created = stored.imported().imports().get(0).created();
    assertThat(created).isEqualTo(200);
    assertThat(count("select count(*) from identities")).isEqualTo(created);
    assertThat(count(CommittedAuditEvents.count("import.completed"))).isEqualTo(1);
    assertThat(count(CommittedAuditEvents.count("identity.%"))).isGreaterThanOrEqualTo(created);
    GuardedPlan plan = stored.applied();
    assertThat(plan).isNotNull();
    assertThat(plan.alreadyQueued()).isEmpty();
    assertThat(plan.stored().plan()).isEqualTo(stored.imported().plan());
    assertThat(
            count(
                "select count(*) from operations where state = 'PENDING' and plan_id = '"
                    + plan.stored().id().value()
                    + "'"))
        .isEqualTo(stored.imported().plan().size());
    assertThat(directory.census().accounts()).as("nothing touched the target yet").isZero();
    assertThat(context.getBean(AuditLog.class).verify().intact()).as("the audit chain").isTrue();
  }

  @Test
  @Order(3)
  void applyingAgainBeforeThatPlanRanQueuesNothingTwiceAndFinishesIt() {
    int firstPlan = stored.imported().plan().size();

    ImportAndApply again =
        provisioning.importAndApply(
            provisioning.sources(null, null), Scope.EVERYBODY, "test", "apply again");

    assertThat(again.imported().plan().size()).isEqualTo(firstPlan);
    GuardedPlan applied = again.applied();
    assertThat(applied).isNotNull();
    assertThat(applied.stored().plan().operations()).as("nothing stored twice").isEmpty();
    assertThat(applied.alreadyQueued()).hasSize(firstPlan);
    assertThat(applied.earlierPlans()).containsExactly(stored.applied().stored().id());
    assertThat(applied.alreadyQueuedExecution().orElseThrow().succeeded()).isEqualTo(firstPlan);
    assertThat(count("select count(*) from operations")).isEqualTo(firstPlan);
    assertThat(count("select count(*) from operations where state <> 'SUCCEEDED'")).isZero();
    assertThat(
            count(
                "select count(*) from (select operation_id from operation_attempts"
                    + " where outcome = 'SUCCEEDED' group by operation_id"
                    + " having count(*) > 1) twice"))
        .as("no operation succeeded twice")
        .isZero();
    assertThat(directory.census().accounts()).isEqualTo(199);
    assertThat(context.getBean(PlanningService.class).plan().operations()).isEmpty();
  }

  /** The application's provisioning, but storing plans in {@code plans}. */
  private Provisioning provisioningWithPlans(PlanRepository plans) {
    GuardedExecution guarded =
        new GuardedExecution(
            plans,
            context.getBean(HeldPlanRepository.class),
            context.getBean(AccountRepository.class),
            context.getBean(AuditLog.class),
            context.getBean(ExecutionService.class),
            context.getBean(Transactions.class),
            context.getBean(IdGenerator.class),
            context.getBean(Clock.class),
            GuardedExecution.settingsOf(context.getBean(TenureConfiguration.class).targets()));
    return new Provisioning(
        context.getBean(TenureConfiguration.class),
        context.getBean(JdbcStore.class).transactions(),
        context.getBean(IdentityImporter.class),
        context.getBean(PlanningService.class),
        guarded);
  }

  /** The store's plans, failing once a plan and its operations are written. */
  private record FailingAfterCreate(PlanRepository plans) implements PlanRepository {

    @Override
    public java.util.Set<String> deprovisionedSince(
        io.tenure.core.account.TargetId target, java.time.Instant since) {
      return plans.deprovisionedSince(target, since);
    }

    @Override
    public StoredPlan create(PlanId id, Plan plan, String actor, String trigger, Instant at) {
      plans.create(id, plan, actor, trigger, at);
      throw new IllegalStateException("the disk is full");
    }

    @Override
    public Optional<StoredPlan> find(PlanId id) {
      return plans.find(id);
    }

    @Override
    public List<StoredOperation> operations(PlanId id) {
      return plans.operations(id);
    }

    @Override
    public List<StoredOperation> queuedFor(TargetId target, Collection<String> usernames) {
      return plans.queuedFor(target, usernames);
    }

    @Override
    public List<StoredOperation> operationsById(Collection<OperationId> ids) {
      return plans.operationsById(ids);
    }

    @Override
    public Set<OperationId> openOperations() {
      return plans.openOperations();
    }

    @Override
    public Set<OperationId> openOperationsOf(Collection<IdentityId> owners) {
      return plans.openOperationsOf(owners);
    }

    @Override
    public List<StoredPlan> recent(int limit) {
      return plans.recent(limit);
    }

    @Override
    public void recordAttempt(OperationId id, OperationAttempt attempt) {
      plans.recordAttempt(id, attempt);
    }
  }

  private long count(String sql) {
    Long value = jdbc.queryForObject(sql, Long.class);
    return value == null ? 0 : value;
  }
}
