package io.tenure.server.guard;

import io.tenure.engine.account.AccountRepository;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.execution.ExecutionService;
import io.tenure.engine.execution.PlanRepository;
import io.tenure.engine.guard.GuardedExecution;
import io.tenure.engine.guard.HeldPlanRepository;
import io.tenure.engine.store.IdGenerator;
import io.tenure.engine.store.Transactions;
import io.tenure.store.guard.JdbcHeldPlanRepository;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/** The brake's store and the guarded execution every apply path goes through. */
@Configuration(proxyBeanMethods = false)
@Lazy
class GuardConfiguration {

  @Bean
  HeldPlanRepository heldPlanRepository(DataSource dataSource) {
    return new JdbcHeldPlanRepository(dataSource);
  }

  @Bean
  GuardedExecution guardedExecution(
      PlanRepository plans,
      HeldPlanRepository holds,
      AccountRepository accounts,
      AuditLog audit,
      ExecutionService execution,
      Transactions transactions,
      IdGenerator ids,
      Clock clock,
      TenureConfiguration configuration) {
    return new GuardedExecution(
        plans,
        holds,
        accounts,
        audit,
        execution,
        transactions,
        ids,
        clock,
        GuardedExecution.settingsOf(configuration.targets()));
  }
}
