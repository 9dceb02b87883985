package io.tenure.server.ingest;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.ingest.ImportSummary;
import io.tenure.engine.provisioning.ImportAndApply;
import io.tenure.engine.provisioning.Provisioning;
import io.tenure.engine.provisioning.Provisioning.Scope;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled imports: one db-scheduler recurring task per source whose {@code schedule} is set,
 * named {@value #TASK_PREFIX}{@code <source>}, due by the source's cron expression in the server's
 * time zone, so each due import runs on exactly one node of a cluster. A run is the event-driven
 * import of that source ({@code tenure import --source NAME}): import, then plan, store through the
 * mass-change brake and execute for only the people it created or changed, as the actor {@value
 * #ACTOR}.
 *
 * <p>A source that cannot be read changes nobody (its import is refused as a whole and audited); a
 * person missing from a source is never a leaver, so a source that returns a suspiciously small set
 * deprovisions nobody either; one that marks many people terminated is held by the brake. A run
 * that fails is logged and does not stop the schedule.
 */
public final class SourceImportSchedule {

  /** The prefix of the recurring tasks' names. */
  public static final String TASK_PREFIX = "import-";

  /** Who scheduled imports are recorded as. */
  public static final String ACTOR = "scheduler";

  private static final Logger LOG = LoggerFactory.getLogger(SourceImportSchedule.class);

  private final Consumer<String> importer;

  /**
   * @param importer imports the named source now (and plans and applies for what it changed)
   */
  public SourceImportSchedule(Consumer<String> importer) {
    this.importer = Objects.requireNonNull(importer, "importer");
  }

  /** The schedule of the import-plan-apply workflow: {@link #importNow}. */
  public static SourceImportSchedule of(Supplier<Provisioning> provisioning) {
    return new SourceImportSchedule(source -> importNow(provisioning.get(), source));
  }

  /**
   * One import of the source, then the plan for what it changed, stored through the brake and
   * executed: what a scheduled run does. It logs what it imported, how many operations it planned,
   * how long the import, the plan and its storage took together (one transaction, or a chunked
   * import's transactions and the plan's) and how long the execution then waited for the operations
   * to settle.
   */
  public static ImportAndApply importNow(Provisioning workflow, String source) {
    long start = System.nanoTime();
    ImportAndApply stored =
        workflow.importPlanAndStore(
            workflow.sources(source, null), Scope.CHANGED, ACTOR, "scheduled import of " + source);
    long storedAt = System.nanoTime();
    ImportAndApply result = workflow.execute(stored, ACTOR);
    long end = System.nanoTime();
    for (ImportSummary summary : result.imported().imports()) {
      LOG.info(
          "scheduled import of {}: {} read, {} new, {} changed, {} rejected, {} ambiguous{};"
              + " {} operations planned; import, plan and store {} ms, execution {} ms",
          summary.source(),
          summary.rowsRead(),
          summary.created(),
          summary.updated(),
          summary.rejected(),
          summary.ambiguous(),
          summary.fileRejected() ? ", refused: " + summary.problems().get(0).render() : "",
          result.imported().outline().size(),
          Duration.ofNanos(storedAt - start).toMillis(),
          Duration.ofNanos(end - storedAt).toMillis());
    }
    return result;
  }

  /** The recurring tasks of the sources that have a schedule, in configuration order. */
  public List<RecurringTask<Void>> tasks(TenureConfiguration configuration, ZoneId zone) {
    List<RecurringTask<Void>> tasks = new ArrayList<>();
    for (SourceDefinition source : configuration.sources()) {
      source
          .cronSchedule()
          .ifPresent(
              cron ->
                  tasks.add(
                      Tasks.recurring(TASK_PREFIX + source.name(), Schedules.cron(cron, zone))
                          .execute((instance, context) -> runLogged(source.name()))));
    }
    return tasks;
  }

  private void runLogged(String source) {
    try {
      importer.accept(source);
    } catch (RuntimeException e) {
      LOG.warn("scheduled import of {} failed: {}", source, e.toString());
    }
  }
}
