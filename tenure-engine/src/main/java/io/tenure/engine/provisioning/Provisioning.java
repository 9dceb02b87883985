package io.tenure.engine.provisioning;

import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.Operation;
import io.tenure.core.plan.Plan;
import io.tenure.core.plan.PlanOutline;
import io.tenure.core.source.RecordProblem;
import io.tenure.engine.configuration.SourceConnection;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.execution.QueueMark;
import io.tenure.engine.guard.GuardedExecution;
import io.tenure.engine.guard.GuardedPlan;
import io.tenure.engine.ingest.IdentityImporter;
import io.tenure.engine.ingest.ImportSummary;
import io.tenure.engine.ingest.SourceCensus;
import io.tenure.engine.ingest.SourceSnapshot;
import io.tenure.engine.planning.PlanningService;
import io.tenure.engine.store.Transactions;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
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
  private final ImportSafeguards safeguards;
  private final boolean allowOlder;

  public Provisioning(
      TenureConfiguration configuration,
      Transactions transactions,
      IdentityImporter importer,
      PlanningService planning,
      GuardedExecution guarded) {
    this(configuration, transactions, importer, planning, guarded, ImportSafeguards.none());
  }

  /** Provisioning that consults the safeguards around every import. */
  public Provisioning(
      TenureConfiguration configuration,
      Transactions transactions,
      IdentityImporter importer,
      PlanningService planning,
      GuardedExecution guarded,
      ImportSafeguards safeguards) {
    this(configuration, transactions, importer, planning, guarded, safeguards, false);
  }

  private Provisioning(
      TenureConfiguration configuration,
      Transactions transactions,
      IdentityImporter importer,
      PlanningService planning,
      GuardedExecution guarded,
      ImportSafeguards safeguards,
      boolean allowOlder) {
    this.configuration = configuration;
    this.transactions = transactions;
    this.importer = importer;
    this.planning = planning;
    this.guarded = guarded;
    this.safeguards = safeguards;
    this.allowOlder = allowOlder;
  }

  /**
   * The same provisioning, importing a source file even when it is older than the one last imported
   * from that source (the CLI's {@code --allow-older}).
   */
  public Provisioning allowingOlderSnapshots() {
    return new Provisioning(
        configuration, transactions, importer, planning, guarded, safeguards, true);
  }

  /**
   * What a plan made now is made from: the store's fingerprint and the content hash of each
   * source's file. Read outside any transaction, before the plan is made.
   */
  public PlanBasis basis(List<SourceDefinition> sources) {
    Map<String, String> hashes = new TreeMap<>();
    for (SourceDefinition source : sources) {
      hashes.put(
          source.name(),
          SourceFiles.stateOf(source).map(SourceFiles.FileState::contentHash).orElse(""));
    }
    return new PlanBasis(safeguards.fingerprint().fingerprint(), hashes);
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

  /**
   * What importing the sources and planning would do, the plan held in memory; nothing is kept (not
   * even audit events).
   */
  public ImportAndPlan preview(List<SourceDefinition> sources) {
    return transactions.inRolledBackTransaction(
        () -> {
          ImportChecks checks = new ImportChecks();
          List<ImportSummary> imports = importAll(sources, checks, false, new SourceReads());
          return new ImportAndPlan(
              imports, planning.plan(), true, checks.warnings, checks.failures);
        });
  }

  /**
   * What importing the sources and planning would do, without holding the plan: planned one batch
   * of identities at a time, and outlined ({@link PlanOutline}: its size, counts and first {@code
   * limit} operations); nothing is kept (not even audit events).
   */
  public ImportAndPlan preview(List<SourceDefinition> sources, int limit) {
    return transactions.inRolledBackTransaction(
        () -> {
          ImportChecks checks = new ImportChecks();
          List<ImportSummary> imports = importAll(sources, checks, false, new SourceReads());
          PlanOutline.Builder outline = new PlanOutline.Builder(limit);
          planning.plan(outline::add);
          return new ImportAndPlan(
              imports, outline.build(), true, checks.warnings, checks.failures);
        });
  }

  /**
   * Imports the sources, plans for the scope and stores the plan through the mass-change brake: the
   * identity changes, their audit events and the plan they call for are kept together or not at
   * all, before anything touches a target. Runs nothing: {@link #execute} the result once this
   * returns (the plan has committed then).
   *
   * <p><b>A large source is imported in chunks that commit.</b> The leading sources of more rows
   * than one chunk of the importer ({@link IdentityImporter#batchSize()}), files, tables and
   * directories alike, that a first read ({@link IdentityImporter#census}) finds usable, are
   * imported before the plan's transaction, each chunk in its own: a stopped import keeps what it
   * finished, and the next run finds those rows unchanged and goes on from there. Where an
   * incremental read ended (a table's watermark) is saved in the plan's transaction, so that a run
   * stopped or refused after its chunks reads the same rows again. The identities each chunk
   * changed are added to the {@linkplain PlanningBacklog backlog} in the chunk's transaction, and
   * the plan's transaction takes them and plans for them whatever its scope, so a stop between the
   * chunks and the plan loses no planning. An older file is refused before any chunk is imported.
   * Every other source (a small one, one that is not usable, and every source after the first of
   * these) is imported in the plan's transaction, as is the check of every import and the record of
   * each file's snapshot; a source found unusable there (it changed after its first read) has its
   * plan refused, and the chunks already committed stay, their people waiting in the backlog.
   *
   * <p>The plan is not held: it streams into the store as it is made, one batch of identities at a
   * time, and the brake judges it as a whole from running totals before the transaction commits
   * (see {@link GuardedExecution#store(java.util.function.Consumer, QueueMark, String, String)}).
   * The result outlines it ({@link PlanOutline#DEFAULT_LIMIT} operations at most).
   *
   * @return the imports, the plan's outline, and the stored plan (null when the plan is empty)
   */
  public ImportAndApply importPlanAndStore(
      List<SourceDefinition> sources, Scope scope, String actor, String trigger) {
    SourceReads reads = new SourceReads();
    List<SourceImport> committed = importInChunks(sources, reads);
    List<SourceDefinition> rest = sources.subList(committed.size(), sources.size());
    try {
      return transactions.inTransaction(
          () -> {
            ImportChecks checks = new ImportChecks();
            List<ImportSummary> imports = new ArrayList<>();
            committed.forEach(done -> imports.add(review(done, checks, true)));
            imports.addAll(importAll(rest, checks, true, reads));
            Set<IdentityId> changed = planFor(scope, imports);
            QueueMark mark = scope == Scope.EVERYBODY ? guarded.mark() : guarded.mark(changed);
            PlanOutline.Builder outline = new PlanOutline.Builder(PlanOutline.DEFAULT_LIMIT);
            GuardedPlan stored =
                guarded.store(
                    chunks ->
                        plan(
                            scope,
                            changed,
                            chunk -> {
                              outline.add(chunk);
                              chunks.accept(chunk);
                            }),
                    mark,
                    actor,
                    trigger);
            ImportAndPlan imported =
                new ImportAndPlan(
                    imports, outline.build(), false, checks.warnings, checks.failures);
            if (!checks.failures.isEmpty()) {
              throw new Unusable(imported);
            }
            return new ImportAndApply(imported, stored);
          });
    } catch (Unusable unusable) {
      // a source file that is unusable as a whole: nothing more is kept, nothing runs
      return new ImportAndApply(unusable.imported, null);
    }
  }

  /**
   * Like {@link #importPlanAndStore(List, Scope, String, String)}, but the plan is held in memory
   * for {@code proceed} to see (and in the result), and when {@code proceed} refuses the plan
   * nothing is kept: the imports are rolled back too.
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
                ImportChecks checks = new ImportChecks();
                List<ImportSummary> imports = importAll(sources, checks, true, new SourceReads());
                Set<IdentityId> changed = planFor(scope, imports);
                QueueMark mark = scope == Scope.EVERYBODY ? guarded.mark() : guarded.mark(changed);
                Plan plan = plan(scope, changed);
                ImportAndPlan imported =
                    new ImportAndPlan(imports, plan, false, checks.warnings, checks.failures);
                if (!checks.failures.isEmpty()) {
                  throw new Unusable(imported);
                }
                if (!proceed.test(plan)) {
                  throw new Refused();
                }
                GuardedPlan stored =
                    plan.isEmpty() ? null : guarded.store(plan, mark, actor, trigger);
                return new ImportAndApply(imported, stored);
              }));
    } catch (Refused refused) {
      return Optional.empty();
    } catch (Unusable unusable) {
      // a source file that is unusable as a whole: nothing is kept, nothing runs
      return Optional.of(new ImportAndApply(unusable.imported, null));
    }
  }

  /**
   * Executes a plan stored by {@link #importPlanAndStore}: its operations that are not held, and
   * the operations of earlier plans it found already queued, until they are settled.
   */
  public ImportAndApply execute(ImportAndApply stored, String actor) {
    GuardedPlan applied = stored.applied();
    if (applied == null) {
      return stored;
    }
    long total =
        applied.size() - applied.decision().heldSequences().size() + applied.alreadyQueued().size();
    safeguards.progress().start("apply", total);
    try {
      return new ImportAndApply(stored.imported(), guarded.execute(applied, actor));
    } finally {
      safeguards.progress().finish();
    }
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
              safeguards.backlog().clear(); // everybody is planned for
              QueueMark mark = guarded.mark();
              return guarded.store(planning::plan, mark, actor, trigger);
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

  /** Plans for the scope, handing each batch's operations to {@code chunks}. */
  private void plan(Scope scope, Set<IdentityId> changed, Consumer<List<Operation>> chunks) {
    if (scope == Scope.EVERYBODY) {
      planning.plan(chunks);
    } else if (!changed.isEmpty()) {
      planning.planFor(changed, chunks);
    }
  }

  /**
   * Whom a plan of the scope is made for besides everybody: for {@link Scope#CHANGED}, the
   * identities the imports created or changed and those the backlog held; for {@link
   * Scope#EVERYBODY}, nobody more (the plan covers everybody). Either way the backlog is emptied in
   * the caller's transaction, which stores the plan that covers it.
   */
  private Set<IdentityId> planFor(Scope scope, List<ImportSummary> imports) {
    if (scope == Scope.EVERYBODY) {
      safeguards.backlog().clear();
      return Set.of();
    }
    Set<IdentityId> changed = new TreeSet<>(safeguards.backlog().take());
    imports.forEach(summary -> changed.addAll(summary.changedIdentities()));
    return changed;
  }

  /**
   * Imports each source, refusing a file older than the one last imported from its source (unless
   * {@link #allowingOlderSnapshots()}), collecting warnings and failures, and, when {@code keep},
   * recording each imported file's snapshot; {@code reads}: what this run already read of them.
   */
  private List<ImportSummary> importAll(
      List<SourceDefinition> sources, ImportChecks checks, boolean keep, SourceReads reads) {
    List<ImportSummary> summaries = new ArrayList<>();
    for (SourceDefinition source : sources) {
      RecordProblem refusal = reads.unreadable.get(source.name());
      SourceImport done =
          importOne(
              source,
              reads.fileOf(source),
              checkpoint ->
                  refusal == null
                      ? importer.importSource(source, changed -> {}, checkpoint)
                      : importer.refused(source, refusal));
      summaries.add(review(done, checks, keep));
    }
    return summaries;
  }

  /**
   * Imports the leading sources that are large and found usable by a first read, each chunk in its
   * own transaction with the identities it changed added to the backlog; stops before the first
   * source that is not large or not usable. Refuses an older file (of any source) before importing
   * any. What it reads of the sources is kept in {@code reads}.
   */
  private List<SourceImport> importInChunks(List<SourceDefinition> sources, SourceReads reads) {
    int worth = 0;
    while (worth < sources.size() && committedInChunks(sources.get(worth), reads)) {
      worth++;
    }
    if (worth == 0) {
      return List.of();
    }
    for (SourceDefinition source : sources) {
      Optional<SourceFiles.FileState> file = SourceFiles.stateOf(source);
      reads.files.put(source.name(), file);
      if (!allowOlder) {
        file.ifPresent(state -> refuseOlder(source, state));
      }
    }
    List<SourceImport> imported = new ArrayList<>();
    for (SourceDefinition source : sources.subList(0, worth)) {
      imported.add(
          importOne(
              source,
              reads.fileOf(source),
              checkpoint ->
                  importer.importInCommittedChunks(source, safeguards.backlog()::add, checkpoint)));
    }
    return imported;
  }

  /**
   * Whether the source (a file, a table, a directory) has more rows than one chunk and a first read
   * finds it usable: read whole when the source refuses an import for a share of rejected rows,
   * otherwise only until the first accepted row past the first chunk. A source read incrementally
   * is read from its checkpoint, so only a large change is imported in chunks.
   */
  private boolean committedInChunks(SourceDefinition source, SourceReads reads) {
    int chunk = importer.batchSize();
    boolean whole = source.maxRejectedShare() < 1;
    SourceCensus census;
    safeguards.progress().start("check " + source.name(), -1);
    try {
      census =
          importer.census(
              source, sofar -> !whole && sofar.rowsRead() > chunk && sofar.accepted() > 0);
    } finally {
      safeguards.progress().finish();
    }
    if (census.refusal() != null) {
      reads.unreadable.put(source.name(), census.refusal());
      return false;
    }
    return census.rowsRead() > chunk
        && ImportChecks.usable(source, census.rowsRead(), census.rejected());
  }

  /**
   * Imports one source ({@code file}: its file's state as read for this run) as {@code importing}
   * does it, handing it where to put the checkpoint its read ended with, refusing an older file
   * first (unless {@link #allowingOlderSnapshots()}).
   */
  private SourceImport importOne(
      SourceDefinition source,
      Optional<SourceFiles.FileState> file,
      Function<Consumer<String>, ImportSummary> importing) {
    if (file.isPresent() && !allowOlder) {
      refuseOlder(source, file.get());
    }
    long known = safeguards.locations().count(source.name());
    safeguards.progress().start("import " + source.name(), -1);
    try {
      AtomicReference<String> checkpoint = new AtomicReference<>();
      ImportSummary summary = importing.apply(checkpoint::set);
      return new SourceImport(source, file, known, summary, Optional.ofNullable(checkpoint.get()));
    } finally {
      safeguards.progress().finish();
    }
  }

  /**
   * Checks an import (collecting warnings and failures), audits its rejected rows and checks its
   * managers; when {@code keep}, saves where its incremental read ended and records the imported
   * file's snapshot, in the caller's transaction (the plan's: a plan refused or rolled back keeps
   * neither, and the next import reads the same records again).
   */
  private ImportSummary review(SourceImport done, ImportChecks checks, boolean keep) {
    SourceDefinition source = done.source();
    ImportSummary summary = done.summary();
    if (keep) {
      done.checkpoint().ifPresent(checkpoint -> importer.saveCheckpoint(source, checkpoint));
    }
    boolean usable = checks.check(source, summary, done.known());
    ImportFindings findings = new ImportFindings(safeguards);
    if (keep) {
      findings.auditRejected(source, summary);
    }
    if (usable) {
      findings.checkManagers(source, summary, checks.warnings, keep);
    }
    if (keep && usable && done.file().isPresent()) {
      SourceFiles.FileState file = done.file().get();
      safeguards
          .snapshots()
          .record(
              new SourceSnapshot(
                  source.name(),
                  source.file().toString(),
                  file.contentHash(),
                  summary.rowsRead(),
                  file.modifiedAt(),
                  safeguards.clock().instant()));
    }
    return summary;
  }

  /**
   * What one run read of its sources before importing them, by source name, so that nothing is read
   * twice: each file's hash and time (a file of 1,000,000 rows is 128 MB), and why a first read
   * found a source unreadable as a whole (it is recorded as refused, not read again). One per run;
   * not thread-safe.
   */
  private static final class SourceReads {

    final Map<String, Optional<SourceFiles.FileState>> files = new HashMap<>();
    final Map<String, RecordProblem> unreadable = new HashMap<>();

    /** The file's state as read in this run, read now if it was not. */
    Optional<SourceFiles.FileState> fileOf(SourceDefinition source) {
      return files.computeIfAbsent(source.name(), name -> SourceFiles.stateOf(source));
    }
  }

  /**
   * One source imported: its file's state before (empty when it is not a file or cannot be read),
   * how many people it had reported before, the import's summary, and where its read ended when it
   * read incrementally (not saved yet: {@link #review} saves it with what it keeps).
   */
  private record SourceImport(
      SourceDefinition source,
      Optional<SourceFiles.FileState> file,
      long known,
      ImportSummary summary,
      Optional<String> checkpoint) {}

  private void refuseOlder(SourceDefinition source, SourceFiles.FileState file) {
    Optional<SourceSnapshot> last = safeguards.snapshots().last(source.name());
    if (last.isEmpty()) {
      return;
    }
    SourceSnapshot previous = last.get();
    if (!file.contentHash().equals(previous.contentHash())
        && file.modifiedAt().isBefore(previous.modifiedAt())) {
      throw new OlderSnapshotException(
          "source "
              + source.name()
              + ": "
              + source.file()
              + " (modified "
              + file.modifiedAt().truncatedTo(ChronoUnit.SECONDS)
              + ") is older than "
              + previous.file()
              + " (modified "
              + previous.modifiedAt().truncatedTo(ChronoUnit.SECONDS)
              + ", "
              + previous.records()
              + " records, imported "
              + previous.importedAt().truncatedTo(ChronoUnit.SECONDS)
              + "), the last file imported from it: importing it would undo newer changes."
              + " Nothing was imported; give the newer file with --file, or --allow-older to"
              + " import this one anyway");
    }
  }

  /** A source file unusable as a whole: the import is rolled back. */
  private static final class Unusable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ImportAndPlan imported;

    Unusable(ImportAndPlan imported) {
      super("a source file is unusable", null, false, false);
      this.imported = imported;
    }
  }

  /** Rolls back an import whose plan the caller refused. */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused() {
      super("the plan was refused", null, false, false);
    }
  }
}
