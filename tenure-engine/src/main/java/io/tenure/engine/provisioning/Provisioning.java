package io.tenure.engine.provisioning;

import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.Plan;
import io.tenure.engine.configuration.SourceConnection;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.execution.QueueMark;
import io.tenure.engine.guard.GuardedExecution;
import io.tenure.engine.guard.GuardedPlan;
import io.tenure.engine.ingest.IdentityImporter;
import io.tenure.engine.ingest.ImportSummary;
import io.tenure.engine.planning.PlanningService;
import io.tenure.engine.store.Transactions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The import, plan, apply workflow of the CLI (and of anything else that wants it): import the
 * sources, plan, store the plan (in the import's transaction), execute the plan.
 */
public final class Provisioning {

  private final TenureConfiguration configuration;
  private final Transactions transactions;
  private final IdentityImporter importer;
  private final PlanningService planning;
  private final GuardedExecution guarded;

  public Provisioning(
      TenureConfiguration configuration,
      Transactions transactions,
      IdentityImporter importer,
      PlanningService planning,
      GuardedExecution guarded) {
    this.configuration = configuration;
    this.transactions = transactions;
    this.importer = importer;
    this.planning = planning;
    this.guarded = guarded;
  }

  /**
   * The sources to import: every configured source, or the one named (reading {@code file} instead
   * of its configured file when given), of any type.
   *
   * @throws IllegalArgumentException naming the configured sources when there is no such source, or
   *     when {@code file} is given for a source that is not a file (a table, a directory)
   */
  public List<SourceDefinition> sources(@Nullable String sourceName, @Nullable Path file) {
    if (sourceName == null) {
      if (file != null) {
        throw new IllegalArgumentException("--file needs --source to say which source it feeds");
      }
      return configuration.sources();
    }
    SourceDefinition source =
        configuration
            .source(sourceName)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no source named '"
                            + sourceName
                            + "' in the configuration (sources: "
                            + configuration.sources().stream().map(SourceDefinition::name).toList()
                            + ")"));
    if (file != null && !source.isFile()) {
      throw new IllegalArgumentException(
          "--file replaces a file source's file, but source '"
              + sourceName
              + "' reads "
              + source.sourceConnection().map(SourceConnection::describe).orElse(source.origin()));
    }
    return List.of(file == null ? source : source.withFile(file));
  }

  /** Which identities a plan is made for after an import. */
  public enum Scope {
    /** Every identity in the store (the {@code apply} command). */
    EVERYBODY,
    /** Only the identities the imports created or changed (the event-driven {@code import}). */
    CHANGED
  }

  /** What importing the sources and planning would do; nothing is kept (not even audit events). */
  public ImportAndPlan preview(List<SourceDefinition> sources) {
    return transactions.inRolledBackTransaction(
        () -> new ImportAndPlan(importAll(sources), planning.plan(), true));
  }

  /**
   * Imports the sources, plans for the scope and stores the plan through the mass-change brake, all
   * in <b>one transaction</b>: the identity changes, their audit events and the plan they call for
   * are kept together or not at all, before anything touches a target. Runs nothing: {@link
   * #execute} the result once this returns (the transaction has committed then).
   *
   * @return the imports, the plan, and the stored plan (null when the plan is empty)
   */
  public ImportAndApply importPlanAndStore(
      List<SourceDefinition> sources, Scope scope, String actor, String trigger) {
    return importPlanAndStore(sources, scope, actor, trigger, plan -> true).orElseThrow();
  }

  /**
   * Like {@link #importPlanAndStore(List, Scope, String, String)}, but when {@code proceed} refuses
   * the plan nothing is kept: the imports are rolled back too.
   *
   * @return empty if {@code proceed} refused the plan
   */
  public Optional<ImportAndApply> importPlanAndStore(
      List<SourceDefinition> sources,
      Scope scope,
      String actor,
      String trigger,
      Predicate<Plan> proceed) {
    try {
      return Optional.of(
          transactions.inTransaction(
              () -> {
                List<ImportSummary> imports = importAll(sources);
                Set<IdentityId> changed = changed(imports);
                QueueMark mark = scope == Scope.EVERYBODY ? guarded.mark() : guarded.mark(changed);
                Plan plan = plan(scope, changed);
                if (!proceed.test(plan)) {
                  throw new Refused();
                }
                GuardedPlan stored =
                    plan.isEmpty() ? null : guarded.store(plan, mark, actor, trigger);
                return new ImportAndApply(new ImportAndPlan(imports, plan, false), stored);
              }));
    } catch (Refused refused) {
      return Optional.empty();
    }
  }

  /**
   * Executes a plan stored by {@link #importPlanAndStore}: its operations that are not held, and
   * the operations of earlier plans it found already queued, until they are settled.
   */
  public ImportAndApply execute(ImportAndApply stored, String actor) {
    GuardedPlan applied = stored.applied();
    return applied == null
        ? stored
        : new ImportAndApply(stored.imported(), guarded.execute(applied, actor));
  }

  /** {@link #importPlanAndStore} (one transaction), then {@link #execute}. */
  public ImportAndApply importAndApply(
      List<SourceDefinition> sources, Scope scope, String actor, String trigger) {
    return execute(importPlanAndStore(sources, scope, actor, trigger), actor);
  }

  /**
   * The event-driven path: imports the sources, then plans and applies at once for only the
   * identities the imports created or changed (a termination is executed now, not at the next full
   * run). The plan goes through the mass-change brake like any other, and is stored in the import's
   * transaction.
   */
  public ImportAndApply importAndApplyChanged(
      List<SourceDefinition> sources, String actor, String trigger) {
    return importAndApply(sources, Scope.CHANGED, actor, trigger);
  }

  /**
   * Plans for everybody and stores the plan through the brake in one transaction (the usernames the
   * planner assigns are kept with the plan that uses them), then executes it.
   *
   * @return the applied plan, or null when there was nothing to do
   */
  public @Nullable GuardedPlan planAndApply(String actor, String trigger) {
    GuardedPlan stored =
        transactions.inTransaction(
            () -> {
              QueueMark mark = guarded.mark();
              Plan plan = planning.plan();
              return plan.isEmpty() ? null : guarded.store(plan, mark, actor, trigger);
            });
    return stored == null ? null : guarded.execute(stored, actor);
  }

  /**
   * Stores a plan computed earlier through the mass-change brake and executes what is not held. A
   * plan that follows identity changes belongs in their transaction instead: see {@link
   * #importPlanAndStore}.
   */
  public GuardedPlan applyGuarded(Plan plan, String actor, String trigger) {
    return guarded.apply(plan, actor, trigger);
  }

  private Plan plan(Scope scope, Set<IdentityId> changed) {
    if (scope == Scope.EVERYBODY) {
      return planning.plan();
    }
    return changed.isEmpty() ? new Plan(List.of()) : planning.planFor(changed);
  }

  private static Set<IdentityId> changed(List<ImportSummary> imports) {
    Set<IdentityId> changed = new TreeSet<>();
    imports.forEach(summary -> changed.addAll(summary.changedIdentities()));
    return changed;
  }

  private List<ImportSummary> importAll(List<SourceDefinition> sources) {
    List<ImportSummary> summaries = new ArrayList<>();
    for (SourceDefinition source : sources) {
      summaries.add(importer.importSource(source));
    }
    return summaries;
  }

  /** Rolls back an import whose plan the caller refused. */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused() {
      super("the plan was refused", null, false, false);
    }
  }
}
