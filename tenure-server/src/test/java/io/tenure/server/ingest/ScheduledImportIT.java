package io.tenure.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import io.tenure.engine.configuration.LifecycleSettings;
import io.tenure.engine.configuration.ScimSettings;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.configuration.StoreSettings;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.execution.QueueSettings;
import io.tenure.store.JdbcStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one store, each running the scheduled imports as {@code tenure serve} does: a source
 * with a {@code schedule} is imported once per due time, by one node, never by both; a source
 * without one is never imported by the scheduler.
 */
class ScheduledImportIT {

  private record Run(String node, String source, Instant second) {}

  private static SourceDefinition source(String name, String cron) {
    return new SourceDefinition(
            name,
            "csv",
            Path.of(name + ".csv"),
            "employeeId",
            List.of(),
            Map.of("employeeId", "employee_id"),
            Set.of(),
            null,
            java.nio.charset.StandardCharsets.UTF_8)
        .withSchedule(cron);
  }

  @Test
  void eachDueImportRunsOnExactlyOneNode() throws Exception {
    TenureConfiguration configuration =
        new TenureConfiguration(
            StoreSettings.embedded(),
            LifecycleSettings.defaults(),
            QueueSettings.defaults(),
            List.of(source("hr", "* * * * * *"), source("crm", null)),
            List.of(),
            List.of(),
            List.of(),
            ScimSettings.defaults());
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      DataSource dataSource = postgres.getPostgresDatabase();
      JdbcStore.migrate(dataSource);
      List<Run> runs = Collections.synchronizedList(new ArrayList<>());
      List<Scheduler> nodes = new ArrayList<>();
      try {
        for (String node : List.of("node-a", "node-b")) {
          SourceImportSchedule schedule =
              new SourceImportSchedule(
                  source -> {
                    runs.add(new Run(node, source, Instant.now().truncatedTo(ChronoUnit.SECONDS)));
                    sleep(300);
                  });
          Scheduler scheduler =
              Scheduler.create(dataSource)
                  .startTasks(schedule.tasks(configuration, ZoneOffset.UTC))
                  .schedulerName(new SchedulerName.Fixed(node))
                  .threads(1)
                  .pollingInterval(Duration.ofMillis(100))
                  .build();
          scheduler.start();
          nodes.add(scheduler);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (runs.size() < 5 && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
      } finally {
        nodes.forEach(Scheduler::stop);
      }
      List<Run> snapshot = List.copyOf(runs);
      assertThat(snapshot).as("runs %s", snapshot).hasSizeGreaterThanOrEqualTo(5);
      assertThat(snapshot).extracting(Run::source).containsOnly("hr");
      assertThat(snapshot.stream().map(Run::second).distinct().count())
          .as("each due second ran once: %s", snapshot)
          .isEqualTo(snapshot.size());
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
