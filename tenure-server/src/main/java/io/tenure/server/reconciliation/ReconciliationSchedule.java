package io.tenure.server.reconciliation;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.tenure.core.account.TargetId;
import io.tenure.engine.configuration.TargetDefinition;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.reconciliation.ReconcileMode;
import io.tenure.engine.reconciliation.Reconciler;
import io.tenure.engine.reconciliation.ReconciliationReport;
import io.tenure.engine.reconciliation.ReconciliationSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Scheduled reconciliation: one db-scheduler recurring task per target whose {@code
 * reconciliation.schedule} is set, named {@value #TASK_PREFIX}{@code <target>}, due by the target's
 * cron expression in the server's time zone. Each run applies the target's policy ({@link
 * ReconcileMode#FIX}; a policy of {@code report} everywhere only reports) as the actor {@value
 * #ACTOR}.
 *
 * <p>A target with {@code incremental: true} is read in full by the first run on this node, and
 * after that only for the accounts changed since the previous run started, minus {@link #SKEW} for
 * the difference between this node's clock and the target's ({@link Reconciler#reconcileChanges}).
 * Every {@link #FULL_EVERY}th run is full again, so that missing and deleted accounts are still
 * found. The start of the previous run is kept in memory: a restarted node starts with a full run.
 */
public final class ReconciliationSchedule {

  /** The prefix of the recurring tasks' names. */
  public static final String TASK_PREFIX = "reconcile-";

  /** Who scheduled runs are recorded as. */
  public static final String ACTOR = "scheduler";

  /** Margin for clock differences between Tenure and the target. */
  public static final Duration SKEW = Duration.ofMinutes(2);

  /** An incremental target gets a full run every this many runs. */
  public static final int FULL_EVERY = 24;

  private final Function<TargetId, ReconciliationReport> full;
  private final BiFunction<TargetId, Instant, ReconciliationReport> changes;
  private final Function<TargetId, ReconciliationSettings> settings;
  private final Clock clock;
  private final Map<TargetId, Progress> progress = new ConcurrentHashMap<>();

  private record Progress(Instant lastStart, int incrementalRuns) {}

  public ReconciliationSchedule(
      Supplier<Reconciler> reconciler,
      Function<TargetId, ReconciliationSettings> settings,
      Clock clock) {
    this(
        target -> reconciler.get().reconcile(target, ReconcileMode.FIX, ACTOR),
        (target, since) ->
            reconciler.get().reconcileChanges(target, ReconcileMode.FIX, ACTOR, since),
        settings,
        clock);
  }

  ReconciliationSchedule(
      Function<TargetId, ReconciliationReport> full,
      BiFunction<TargetId, Instant, ReconciliationReport> changes,
      Function<TargetId, ReconciliationSettings> settings,
      Clock clock) {
    this.full = Objects.requireNonNull(full, "full");
    this.changes = Objects.requireNonNull(changes, "changes");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** One scheduled run of the target: full or incremental as described above. */
  public ReconciliationReport run(TargetId target) {
    Instant start = clock.instant();
    @Nullable Instant since = since(target);
    ReconciliationReport report = since == null ? full.apply(target) : changes.apply(target, since);
    progress.merge(
        target,
        new Progress(start, since == null ? 0 : 1),
        (old, next) -> new Progress(start, since == null ? 0 : old.incrementalRuns() + 1));
    return report;
  }

  /** Where the next run of the target reads from: null for a full read. */
  @Nullable Instant since(TargetId target) {
    Progress previous = progress.get(target);
    if (!settings.apply(target).incremental()
        || previous == null
        || previous.incrementalRuns() + 1 >= FULL_EVERY) {
      return null;
    }
    return previous.lastStart().minus(SKEW);
  }

  /** The recurring tasks of the targets that have a schedule, in configuration order. */
  public List<RecurringTask<Void>> tasks(TenureConfiguration configuration, ZoneId zone) {
    List<RecurringTask<Void>> tasks = new ArrayList<>();
    for (TargetDefinition target : configuration.targets()) {
      String cron = target.reconciliation().schedule();
      if (cron == null) {
        continue;
      }
      TargetId id = target.id();
      tasks.add(
          Tasks.recurring(TASK_PREFIX + id.value(), Schedules.cron(cron, zone))
              .execute((instance, context) -> run(id)));
    }
    return tasks;
  }
}
