package io.tenure.store;

import io.tenure.engine.account.AccountRepository;
import io.tenure.engine.assignment.AssignmentRepository;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.execution.OperationCodec;
import io.tenure.engine.execution.OperationQueue;
import io.tenure.engine.execution.PlanRepository;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.ingest.ErasedPeople;
import io.tenure.engine.provisioning.PlanningBacklog;
import io.tenure.engine.store.IdGenerator;
import io.tenure.engine.store.Transactions;
import io.tenure.governance.request.RequestRepository;
import java.io.IOException;
import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine's store ports over one PostgreSQL database: every repository, the audit log,
 * transactions and the id generator. The Spring application exposes each port as a bean; tests and
 * tools can build one directly with {@link #create(DataSource, Clock)}.
 */
public final class JdbcStore implements AutoCloseable {

  private static final int FETCH_SIZE = 500;

  private final SpringTransactions transactions;
  private final IdentityRepository identities;
  private final AccountRepository accounts;
  private final PlanRepository plans;
  private final OperationQueue queue;
  private final JdbcAuditLog auditLog;
  private final IdGenerator ids;
  private final AssignmentRepository assignments;
  private final RequestRepository requests;
  private final ErasedPeople erasedPeople;
  private final PlanningBacklog planningBacklog;

  private JdbcStore(
      DataSource dataSource,
      PlatformTransactionManager manager,
      Clock clock,
      AuditSealing sealing,
      AuditChaining chaining) {
    JdbcTemplate template = new JdbcTemplate(dataSource);
    template.setFetchSize(FETCH_SIZE);
    JdbcClient client = JdbcClient.create(template);
    TransactionTemplate transactionTemplate = new TransactionTemplate(manager);
    Json json = new Json(JsonMapper.builder().build());
    this.transactions = new SpringTransactions(transactionTemplate);
    this.identities = new JdbcIdentityRepository(client, template, json, clock);
    this.accounts = new JdbcAccountRepository(client, json, clock);
    OperationCodec codec = new OperationCodec(json.mapper());
    this.plans = new JdbcPlanRepository(client, template, codec, clock);
    this.queue = new JdbcOperationQueue(client, transactionTemplate, codec);
    this.auditLog = new JdbcAuditLog(client, transactionTemplate, json, sealing, chaining);
    this.ids = new UuidIdGenerator();
    this.assignments = new JdbcAssignmentRepository(dataSource);
    this.requests = new JdbcRequestRepository(dataSource);
    this.erasedPeople = new JdbcErasedPeople(template, sealing);
    this.planningBacklog = new JdbcPlanningBacklog(client);
  }

  /**
   * A store over the data source with its own transaction manager, keying the audit chain with an
   * {@linkplain AuditSealing#ephemeral() ephemeral} key (tests and tools: only this instance can
   * verify what it appends).
   */
  public static JdbcStore create(DataSource dataSource, Clock clock) {
    return create(dataSource, clock, AuditSealing.ephemeral());
  }

  /** A store over the data source with its own transaction manager and the audit sealing. */
  public static JdbcStore create(DataSource dataSource, Clock clock, AuditSealing sealing) {
    return new JdbcStore(
        dataSource,
        new DataSourceTransactionManager(dataSource),
        clock,
        sealing,
        AuditChaining.AFTER_COMMIT);
  }

  /**
   * A store whose transactions are those of the given manager (which must manage the source), with
   * the audit sealing.
   */
  public static JdbcStore create(
      DataSource dataSource,
      PlatformTransactionManager manager,
      Clock clock,
      AuditSealing sealing) {
    return create(dataSource, manager, clock, sealing, AuditChaining.AFTER_COMMIT);
  }

  /**
   * A store whose transactions are those of the given manager (which must manage the source), with
   * the audit sealing, whose audit events are chained by the thread that {@code chaining} names.
   */
  public static JdbcStore create(
      DataSource dataSource,
      PlatformTransactionManager manager,
      Clock clock,
      AuditSealing sealing,
      AuditChaining chaining) {
    return new JdbcStore(dataSource, manager, clock, sealing, chaining);
  }

  /**
   * Chains the audit events still waiting ({@link AuditChaining#IN_BACKGROUND}: after the
   * background thread has finished); call it before the data source is closed. Never throws.
   */
  @Override
  public void close() {
    auditLog.close();
  }

  /**
   * Brings the database's schema up to date (Flyway, {@code classpath:db/migration}). When the
   * schema history already records every versioned migration on the class path as applied, Flyway
   * is not started at all, which keeps every command's start-up short.
   */
  public static void migrate(DataSource dataSource) {
    if (upToDate(dataSource)) {
      return;
    }
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
  }

  /** The versions of the migrations on the class path, or empty if one is not versioned. */
  static Set<String> migrationVersions() {
    Set<String> versions = new TreeSet<>();
    try {
      for (Resource resource :
          new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/*.sql")) {
        String name = String.valueOf(resource.getFilename());
        Matcher matcher = VERSIONED.matcher(name);
        if (!matcher.matches()) {
          return Set.of();
        }
        versions.add(matcher.group(1).replace('_', '.'));
      }
    } catch (IOException e) {
      return Set.of();
    }
    return versions;
  }

  private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.+\\.sql");

  private static boolean upToDate(DataSource dataSource) {
    Set<String> wanted = migrationVersions();
    if (wanted.isEmpty()) {
      return false;
    }
    JdbcClient client = JdbcClient.create(dataSource);
    boolean historyExists =
        client
            .sql("select to_regclass('flyway_schema_history') is not null")
            .query(Boolean.class)
            .single();
    if (!historyExists) {
      return false;
    }
    boolean anyFailed =
        client
            .sql("select exists (select 1 from flyway_schema_history where not success)")
            .query(Boolean.class)
            .single();
    Set<String> applied =
        new TreeSet<>(
            client
                .sql(
                    "select version from flyway_schema_history where success and version is not null")
                .query(String.class)
                .list());
    return !anyFailed && applied.containsAll(wanted);
  }

  public IdentityRepository identities() {
    return identities;
  }

  public AccountRepository accounts() {
    return accounts;
  }

  public PlanRepository plans() {
    return plans;
  }

  /** The durable queue over the stored operations. */
  public OperationQueue queue() {
    return queue;
  }

  public AuditLog auditLog() {
    return auditLog;
  }

  public Transactions transactions() {
    return transactions;
  }

  public IdGenerator ids() {
    return ids;
  }

  /** The assignments of roles by request, exception or hand ({@code assignments}). */
  public AssignmentRepository assignments() {
    return assignments;
  }

  /**
   * The tombstones of pseudonymised people ({@code erased_people}: digests keyed with the audit
   * key).
   */
  public ErasedPeople erasedPeople() {
    return erasedPeople;
  }

  /**
   * The identities changed by chunks an import committed on its own and not planned for yet ({@code
   * identities_to_plan}).
   */
  public PlanningBacklog planningBacklog() {
    return planningBacklog;
  }

  /** The access requests and their histories. */
  public RequestRepository requests() {
    return requests;
  }

  /**
   * Runs work in one transaction that is always rolled back: a dry run. Work that itself asks
   * {@link #transactions()} for a transaction joins this one, so nothing it writes is kept.
   */
  public <T> T dryRun(Supplier<T> work) {
    return transactions.inRolledBackTransaction(work);
  }
}
