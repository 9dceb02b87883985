package io.tenure.server.reconciliation;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.reconciliation.Reconciler;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * Scheduled reconciliation in {@code tenure serve} only (never in a one-shot CLI command): a
 * db-scheduler over the store's {@code scheduled_tasks} table (migration V4) running the {@link
 * ReconciliationSchedule} tasks, so each due run happens on exactly one node of a cluster. Nothing
 * starts when no target has a {@code reconciliation.schedule}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ReconciliationScheduling {

  private static final Logger LOG = LoggerFactory.getLogger(ReconciliationScheduling.class);

  @Bean(destroyMethod = "close")
  @Lazy(false)
  AutoCloseable scheduledReconciliation(
      DataSource dataSource,
      TenureConfiguration configuration,
      ObjectProvider<Reconciler> reconciler,
      Clock clock,
      @Value("${tenure.reconciliation.polling:PT10S}") Duration polling) {
    ReconciliationSchedule schedule =
        new ReconciliationSchedule(
            reconciler::getObject, ReconciliationConfiguration.settingsOf(configuration), clock);
    List<RecurringTask<Void>> tasks = schedule.tasks(configuration, ZoneId.systemDefault());
    if (tasks.isEmpty()) {
      return () -> {};
    }
    Scheduler scheduler =
        Scheduler.create(dataSource)
            .startTasks(tasks)
            .schedulerName(
                new SchedulerName.Fixed(
                    "reconciliation@" + ManagementFactory.getRuntimeMXBean().getName()))
            .threads(1)
            .pollingInterval(polling)
            .heartbeatInterval(polling.multipliedBy(5))
            .shutdownMaxWait(Duration.ofSeconds(30))
            .build();
    scheduler.start();
    LOG.info("scheduled reconciliation: {}", tasks.stream().map(RecurringTask::getName).toList());
    return scheduler::stop;
  }
}
