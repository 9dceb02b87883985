package io.tenure.server.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.configuration.YamlConfigurationLoader;
import io.tenure.core.account.TargetId;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.reconciliation.ReconciliationSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReconciliationScheduleTest {

  private static final TargetId DIRECTORY = new TargetId("directory");
  private final List<String> runs = new ArrayList<>();
  private Instant now = Instant.parse("2026-03-02T02:00:00Z");

  private ReconciliationSchedule schedule(boolean incremental) {
    ReconciliationSettings settings =
        ReconciliationSettings.defaults().withSchedule("0 0 * * * *", incremental);
    Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now;
          }
        };
    return new ReconciliationSchedule(
        target -> {
          runs.add("full " + target);
          return null;
        },
        (target, since) -> {
          runs.add("changes " + target + " since " + since);
          return null;
        },
        target -> settings,
        clock);
  }

  @Test
  void anIncrementalTargetIsReadInFullFirstThenFromThePreviousStartMinusTheSkew() {
    ReconciliationSchedule schedule = schedule(true);
    schedule.run(DIRECTORY);
    now = Instant.parse("2026-03-02T03:00:00Z");
    schedule.run(DIRECTORY);
    now = Instant.parse("2026-03-02T04:00:00Z");
    schedule.run(DIRECTORY);
    assertThat(runs)
        .containsExactly(
            "full directory",
            "changes directory since 2026-03-02T01:58:00Z",
            "changes directory since 2026-03-02T02:58:00Z");
  }

  @Test
  void everyFullEveryThRunIsFullAgain() {
    ReconciliationSchedule schedule = schedule(true);
    for (int run = 0; run < ReconciliationSchedule.FULL_EVERY + 1; run++) {
      schedule.run(DIRECTORY);
      now = now.plusSeconds(3600);
    }
    assertThat(runs.stream().filter(run -> run.startsWith("full")).count()).isEqualTo(2);
    assertThat(runs.get(ReconciliationSchedule.FULL_EVERY)).isEqualTo("full directory");
  }

  @Test
  void aTargetThatIsNotIncrementalIsAlwaysReadInFull() {
    ReconciliationSchedule schedule = schedule(false);
    schedule.run(DIRECTORY);
    schedule.run(DIRECTORY);
    assertThat(runs).containsExactly("full directory", "full directory");
  }

  @Test
  void onlyTargetsWithAScheduleGetARecurringTaskWithTheirCron() {
    TenureConfiguration configuration =
        new YamlConfigurationLoader(Map.<String, String>of()::get, Set.of())
            .parse(
                """
                targets:
                  directory:
                    type: ldap
                    username: givenName
                    reconciliation: { schedule: "0 15 2 * * *", incremental: true }
                  database:
                    type: jdbc
                    username: givenName
                """,
                "tenure.yaml",
                Path.of("/etc/tenure"));
    var tasks = schedule(true).tasks(configuration, ZoneOffset.UTC);
    assertThat(tasks).hasSize(1);
    assertThat(tasks.get(0).getName()).isEqualTo("reconcile-directory");
  }

  @Test
  void theCronExpressionsTheLoaderAcceptsAreAcceptedByTheScheduler() {
    for (String cron :
        List.of("0 15 2 * * *", "0 */30 8-18 * * MON-FRI", "0 0 3 1 * *", "0 0 0 * * SUN")) {
      assertThat(org.springframework.scheduling.support.CronExpression.isValidExpression(cron))
          .as(cron)
          .isTrue();
      Instant next =
          com.github.kagkarlsson.scheduler.task.schedule.Schedules.cron(cron, ZoneOffset.UTC)
              .getInitialExecutionTime(now);
      assertThat(next).as(cron).isAfter(now);
    }
  }
}
