package io.tenure.server.schedule;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * A recurring task run by db-scheduler over the store's {@code scheduled_tasks} table (migration
 * V4): every node of a cluster runs a scheduler, and each due execution is picked (and run) by
 * exactly one of them; a node that dies while running it is detected by its missing heartbeats and
 * the execution is revived elsewhere.
 *
 * <p>The schedule is a fixed delay: the next execution is due {@code interval} after the previous
 * one finished, so runs never overlap.
 */
public final class ScheduledWork implements AutoCloseable {

  /** The task that plans and applies for changes due because time passed. */
  public static final String TIME_DRIVEN_PLANNING = "time-driven-planning";

  /** The default interval between runs. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(15);

  private final Scheduler scheduler;

  private ScheduledWork(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  /**
   * Starts a scheduler on this node running one recurring task.
   *
   * @param dataSource the store (it must hold the {@code scheduled_tasks} table)
   * @param node this node's name, recorded on the executions it picks
   * @param task the task's name (the same on every node)
   * @param interval the delay between the end of one run and the next due time
   * @param pollingInterval how often this node looks for due executions
   * @param work the work; it receives the due time of the execution it runs
   */
  public static ScheduledWork start(
      DataSource dataSource,
      String node,
      String task,
      Duration interval,
      Duration pollingInterval,
      Consumer<Instant> work) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the schedule interval must be positive: " + interval);
    }
    RecurringTask<Void> recurring =
        Tasks.recurring(task, FixedDelay.of(interval))
            .execute((instance, context) -> work.accept(context.getExecution().getExecutionTime()));
    Scheduler scheduler =
        Scheduler.create(dataSource)
            .startTasks(recurring)
            .schedulerName(new SchedulerName.Fixed(node))
            .threads(1)
            .pollingInterval(pollingInterval)
            .heartbeatInterval(pollingInterval.multipliedBy(5))
            .shutdownMaxWait(Duration.ofSeconds(30))
            .build();
    scheduler.start();
    return new ScheduledWork(scheduler);
  }

  /** Stops picking work; waits for a running execution to finish. */
  @Override
  public void close() {
    scheduler.stop();
  }
}
