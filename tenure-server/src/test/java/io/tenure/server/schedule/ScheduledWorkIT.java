package io.tenure.server.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.store.JdbcStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Two schedulers (two nodes) on one PostgreSQL run a recurring task once per due time, never at the
 * same time.
 */
class ScheduledWorkIT {

  private record Run(String node, Instant due) {}

  @Test
  void twoNodesRunEachDueExecutionOnceAndNeverTogether() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      DataSource dataSource = postgres.getPostgresDatabase();
      JdbcStore.migrate(dataSource);
      List<Run> runs = Collections.synchronizedList(new ArrayList<>());
      AtomicInteger running = new AtomicInteger();
      AtomicInteger mostAtOnce = new AtomicInteger();
      List<ScheduledWork> nodes = new ArrayList<>();
      try {
        for (String node : List.of("node-a", "node-b")) {
          nodes.add(
              ScheduledWork.start(
                  dataSource,
                  node,
                  "test-task",
                  Duration.ofMillis(500),
                  Duration.ofMillis(100),
                  due -> {
                    int now = running.incrementAndGet();
                    mostAtOnce.accumulateAndGet(now, Math::max);
                    runs.add(new Run(node, due));
                    try {
                      Thread.sleep(200);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    } finally {
                      running.decrementAndGet();
                    }
                  }));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (runs.size() < 8 && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
      } finally {
        nodes.forEach(ScheduledWork::close);
      }
      List<Run> snapshot = List.copyOf(runs);
      assertThat(snapshot).as("runs %s", snapshot).hasSizeGreaterThanOrEqualTo(8);
      assertThat(snapshot.stream().map(Run::due).distinct().count())
          .as("each due time ran once: %s", snapshot)
          .isEqualTo(snapshot.size());
      assertThat(mostAtOnce.get()).as("runs at the same time").isEqualTo(1);
    }
  }
}
