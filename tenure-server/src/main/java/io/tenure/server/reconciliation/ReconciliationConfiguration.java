package io.tenure.server.reconciliation;

import io.tenure.core.account.TargetId;
import io.tenure.engine.account.AccountRepository;
import io.tenure.engine.configuration.TargetDefinition;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.execution.ExecutionService;
import io.tenure.engine.execution.PlanRepository;
import io.tenure.engine.guard.GuardedExecution;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.planning.DesiredStateService;
import io.tenure.engine.reconciliation.FindingRepository;
import io.tenure.engine.reconciliation.Reconciler;
import io.tenure.engine.reconciliation.ReconciliationSettings;
import io.tenure.engine.reconciliation.ReconciliationStore;
import io.tenure.engine.store.Transactions;
import io.tenure.store.reconciliation.JdbcFindingRepository;
import io.tenure.store.reconciliation.JdbcReconciliationStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reconciler and its ports over the store.
 *
 * <p>Each target is reconciled with its {@code targets.X.reconciliation} settings ({@link
 * ReconciliationSettings#defaults()} when it has none).
 */
@Configuration(proxyBeanMethods = false)
public class ReconciliationConfiguration {

  private static final int FETCH_SIZE = 500;

  @Bean
  FindingRepository findingRepository(DataSource dataSource) {
    return newFindings(dataSource);
  }

  @Bean
  ReconciliationStore reconciliationStore(DataSource dataSource) {
    return new JdbcReconciliationStore(JdbcClient.create(template(dataSource)));
  }

  @Bean
  Reconciler reconciler(BeanFactory beans, FindingRepository findings, ReconciliationStore store) {
    return newReconciler(beans, findings, store);
  }

  private static FindingRepository newFindings(DataSource dataSource) {
    return new JdbcFindingRepository(template(dataSource));
  }

  private static JdbcTemplate template(DataSource dataSource) {
    JdbcTemplate template = new JdbcTemplate(dataSource);
    template.setFetchSize(FETCH_SIZE);
    return template;
  }

  /** Each configured target's reconciliation settings; defaults for a target not configured. */
  public static Function<TargetId, ReconciliationSettings> settingsOf(
      TenureConfiguration configuration) {
    Map<TargetId, ReconciliationSettings> byTarget = new HashMap<>();
    for (TargetDefinition target : configuration.targets()) {
      byTarget.put(target.id(), target.reconciliation());
    }
    return target -> byTarget.getOrDefault(target, ReconciliationSettings.defaults());
  }

  private static Reconciler newReconciler(
      BeanFactory beans, FindingRepository findings, ReconciliationStore store) {
    TenureConfiguration configuration = beans.getBean(TenureConfiguration.class);
    Function<TargetId, ReconciliationSettings> settings = settingsOf(configuration);
    return new Reconciler(
        ExecutionService.serviceLoaded(configuration.targets()),
        store,
        findings,
        beans.getBean(IdentityRepository.class),
        beans.getBean(AccountRepository.class),
        beans.getBean(DesiredStateService.class),
        beans.getBean(GuardedExecution.class).asPlanExecution(),
        beans.getBean(PlanRepository.class),
        beans.getBean(Transactions.class),
        beans.getBean(Clock.class),
        settings,
        Reconciler.DEFAULT_CHUNK_SIZE);
  }
}
