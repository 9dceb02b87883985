package io.tenure.server.schedule;

import io.tenure.engine.provisioning.Provisioning;
import io.tenure.governance.certification.Certification;
import io.tenure.governance.request.RequestWork;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
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
 * Scheduled work of {@code tenure serve} only (never of a one-shot CLI command): every {@code
 * tenure.schedule.interval} (default 15 minutes; {@code 0} or a negative duration turns it off), on
 * exactly one node of the cluster, do what requests have due (escalations, expiries, ended access,
 * reminders, transfer reviews: {@link RequestWork}), then plan for everybody and apply. The planner
 * emits only what is due: start-date activations, end dates passed, pre-hire windows opened,
 * retention deletes due. The plan goes through the mass-change brake, is stored in the planning's
 * transaction, and does not queue again what earlier plans still have queued. Then the
 * certification campaigns' reminders and deadlines that are due.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SchedulingConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(SchedulingConfiguration.class);

  @Bean(destroyMethod = "close")
  @Lazy(false)
  AutoCloseable timeDrivenPlanning(
      DataSource dataSource,
      ObjectProvider<Provisioning> provisioning,
      ObjectProvider<Certification> certification,
      ObjectProvider<RequestWork> requests,
      @Value("${tenure.schedule.interval:PT15M}") Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      LOG.info("scheduled work is off (tenure.schedule.interval={})", interval);
      return () -> {};
    }
    String node = ManagementFactory.getRuntimeMXBean().getName();
    return ScheduledWork.start(
        dataSource,
        node,
        ScheduledWork.TIME_DRIVEN_PLANNING,
        interval,
        Duration.ofSeconds(10),
        due -> {
          RequestWork.Summary work = requests.getObject().run();
          LOG.info("requests due {}: {}", due, work.describe());
          run(provisioning.getObject(), due);
          int decided = certification.getObject().tick();
          if (decided > 0) {
            LOG.info("certification deadlines: {} items decided or escalated", decided);
          }
        });
  }

  private static void run(Provisioning provisioning, Instant due) {
    var applied = provisioning.planAndApply("scheduler", "scheduled run due " + due);
    if (applied == null) {
      return;
    }
    LOG.info(
        "scheduled run due {}: {} operations, {} already queued, {} held",
        due,
        applied.size(),
        applied.alreadyQueued().size(),
        applied.decision().heldSequences().size());
  }
}
