package io.tenure.server.store;

import com.zaxxer.hikari.HikariDataSource;
import io.tenure.engine.account.AccountRepository;
import io.tenure.engine.assignment.ActiveAssignments;
import io.tenure.engine.assignment.AssignmentRepository;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.configuration.TenureHome;
import io.tenure.engine.execution.OperationQueue;
import io.tenure.engine.execution.PlanRepository;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.ingest.ErasedPeople;
import io.tenure.engine.planning.RoleAssignments;
import io.tenure.engine.store.IdGenerator;
import io.tenure.engine.store.Transactions;
import io.tenure.store.AuditChaining;
import io.tenure.store.AuditSealing;
import io.tenure.store.JdbcRoleAssignments;
import io.tenure.store.JdbcStore;
import io.tenure.store.StoreStartup;
import java.time.Clock;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The store's beans: the PostgreSQL server (embedded under the Tenure home unless {@code store.url}
 * names an external one, started early by {@link StoreStartup}), the connection pool (whose
 * creation migrates the schema with Flyway), the transaction manager and every port of the engine
 * over it.
 */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

  @Bean(destroyMethod = "close")
  StoreStartup.StoreServer storeServer(StoreStartup startup) {
    return startup.await();
  }

  @Bean(destroyMethod = "close")
  HikariDataSource dataSource(StoreStartup.StoreServer server) {
    HikariDataSource pool = new HikariDataSource();
    pool.setPoolName("tenure-store");
    pool.setJdbcUrl(server.url());
    if (server.username() != null) {
      pool.setUsername(server.username());
    }
    if (server.password() != null) {
      pool.setPassword(server.password());
    }
    pool.setMaximumPoolSize(10);
    pool.setMinimumIdle(1);
    try {
      // whoever uses the data source finds the schema up to date
      JdbcStore.migrate(pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return pool;
  }

  @Bean
  DataSourceTransactionManager transactionManager(DataSource dataSource) {
    return new DataSourceTransactionManager(dataSource);
  }

  /**
   * The audit chain's key and checkpoints: TENURE_AUDIT_KEY or the home's audit.key, checkpoints in
   * the home.
   */
  @Bean
  AuditSealing auditSealing(TenureHome home) {
    return AuditSealing.forHome(home, System::getenv);
  }

  /**
   * The store. Its audit events are chained by the log's own background thread (a request answers,
   * and an import goes on to its next chunk, once its own transaction has committed), or by the
   * committing thread when {@value #AUDIT_CHAINING} is {@code after-commit}; either way every
   * reader of the log chains what is waiting first, and closing the store (before the pool) chains
   * what is left, so a command ends with every event it appended in the chain.
   */
  @Bean(destroyMethod = "close")
  JdbcStore jdbcStore(
      DataSource dataSource,
      PlatformTransactionManager manager,
      Clock clock,
      AuditSealing auditSealing,
      Environment environment) {
    return JdbcStore.create(
        dataSource,
        manager,
        clock,
        auditSealing,
        auditChaining(environment.getProperty(AUDIT_CHAINING)));
  }

  /**
   * Who chains the audit events for the value of {@value #AUDIT_CHAINING}: the background thread
   * when it is not set.
   *
   * @throws IllegalArgumentException a value other than {@code in-background} or {@code
   *     after-commit}, named with the property (a typo must not choose silently)
   */
  static AuditChaining auditChaining(@Nullable String value) {
    if (value == null || value.equals("in-background")) {
      return AuditChaining.IN_BACKGROUND;
    }
    if (value.equals("after-commit")) {
      return AuditChaining.AFTER_COMMIT;
    }
    throw new IllegalArgumentException(
        AUDIT_CHAINING + ": '" + value + "' is neither in-background nor after-commit");
  }

  /**
   * The property that chooses who chains audit events: {@code in-background} (the default: one
   * thread of the log, beside the work) or {@code after-commit} (the thread that committed).
   */
  private static final String AUDIT_CHAINING = "tenure.audit.chaining";

  @Bean
  IdentityRepository identityRepository(JdbcStore store) {
    return store.identities();
  }

  @Bean
  AccountRepository accountRepository(JdbcStore store) {
    return store.accounts();
  }

  @Bean
  PlanRepository planRepository(JdbcStore store) {
    return store.plans();
  }

  @Bean
  OperationQueue operationQueue(JdbcStore store) {
    return store.queue();
  }

  @Bean
  AuditLog auditLog(JdbcStore store) {
    return store.auditLog();
  }

  /** The tombstones of pseudonymised people (keyed digests of their correlation keys). */
  @Bean
  ErasedPeople erasedPeople(JdbcStore store) {
    return store.erasedPeople();
  }

  @Bean
  Transactions transactions(JdbcStore store) {
    return store.transactions();
  }

  @Bean
  AssignmentRepository assignmentRepository(JdbcStore store) {
    return store.assignments();
  }

  /**
   * The roles planning grants besides the birthright rules: SCIM group memberships, and the
   * assignments (approved requests, exceptions, ...) active at the time of planning.
   */
  @Bean
  RoleAssignments roleAssignments(
      DataSource dataSource,
      TenureConfiguration configuration,
      AssignmentRepository assignments,
      Clock clock) {
    return RoleAssignments.combined(
        new JdbcRoleAssignments(dataSource, configuration.scim().roles()),
        new ActiveAssignments(assignments, clock));
  }

  @Bean
  IdGenerator idGenerator(JdbcStore store) {
    return store.ids();
  }
}
