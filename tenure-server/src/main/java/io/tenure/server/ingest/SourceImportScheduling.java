package io.tenure.server.ingest;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.provisioning.Provisioning;
import java.lang.management.ManagementFactory;
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
 * Scheduled imports in {@code tenure serve} only (never in a one-shot CLI command): a db-scheduler
 * over the store's {@code scheduled_tasks} table running the {@link SourceImportSchedule} tasks, so
 * each due import happens on exactly one node of a cluster. Nothing starts when no source has a
 * {@code schedule}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SourceImportScheduling {

  private static final Logger LOG = LoggerFactory.getLogger(SourceImportScheduling.class);

  @Bean(destroyMethod = "close")
  @Lazy(false)
  AutoCloseable scheduledImports(
      DataSource dataSource,
      TenureConfiguration configuration,
      ObjectProvider<Provisioning> provisioning,
      @Value("${tenure.import.polling:PT10S}") Duration polling) {
    List<RecurringTask<Void>> tasks =
        SourceImportSchedule.of(provisioning::getObject)
            .tasks(configuration, ZoneId.systemDefault());
    if (tasks.isEmpty()) {
      return () -> {};
    }
    Scheduler scheduler =
        Scheduler.create(dataSource)
            .startTasks(tasks)
            .schedulerName(
                new SchedulerName.Fixed("import@" + ManagementFactory.getRuntimeMXBean().getName()))
            .threads(1)
            .pollingInterval(polling)
            .heartbeatInterval(polling.multipliedBy(5))
            .shutdownMaxWait(Duration.ofSeconds(30))
            .build();
    scheduler.start();
    LOG.info("scheduled imports: {}", tasks.stream().map(RecurringTask::getName).toList());
    return scheduler::stop;
  }
}
