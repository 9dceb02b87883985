package io.tenure.engine.reconciliation;

import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.spi.IncrementalSearchCapability;
import io.tenure.connector.spi.RemoteAccount;
import io.tenure.connector.spi.SearchCapability;
import io.tenure.core.account.TargetId;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.Operation;
import io.tenure.core.plan.Plan;
import io.tenure.core.plan.Planner;
import io.tenure.engine.account.AccountRepository;
import io.tenure.engine.connector.ConnectorRegistry;
import io.tenure.engine.execution.ExecutionSummary;
import io.tenure.engine.execution.OperationState;
import io.tenure.engine.execution.PlanExecution;
import io.tenure.engine.execution.PlanRepository;
import io.tenure.engine.execution.StoredOperation;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.planning.DesiredStateService;
import io.tenure.engine.store.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reconciles one target: reads every account the target has, correlates each to an identity,
 * compares it with desired state, stores the findings and, in {@link ReconcileMode#FIX} mode, fixes
 * what the target's {@link ReconciliationPolicy} says through the core {@link Planner} and the
 * {@link PlanExecution} (one stored plan per run; in production the brake-guarded execution, so the
 * same queue, audit and brake as every other change).
 *
 * <p>The run:
 *
 * <ol>
 *   <li>The target's findings of the previous run are forgotten.
 *   <li>The target's accounts are streamed ({@link SearchCapability#accounts()}, closed at the end)
 *       in chunks of {@code chunkSize}, in whatever order the target gives them (read on a thread
 *       of their own, up to two chunks ahead of the chunk being checked). Each chunk, in one store
 *       transaction: the known accounts with those names (one batch read); each account not linked
 *       to an existing identity is correlated with the target's rules (one batch read per rule,
 *       only for the accounts no earlier rule found anybody for, with the core {@link
 *       io.tenure.core.correlation.Correlator}, so ambiguous and conflicting matches are never
 *       linked); desired state for the chunk's owners; a per-account diff by the core planner
 *       against the account as the target really holds it; findings saved.
 *   <li>The identities are paged in id order, {@code chunkSize} at a time; those whose username on
 *       the target was not read (or who have none) get desired state; an account policy wants
 *       enabled or disabled that the target does not have is {@link Situation#MISSING}.
 *   <li>In fix mode, known accounts of the target that the target no longer has are forgotten (the
 *       store is refreshed from what the target really holds), then the operations are stored as
 *       one plan, executed, and each finding's action is set to {@code FIXED} or {@code FAILED}.
 * </ol>
 *
 * <p><b>Memory bound.</b> At any moment the reconciler holds up to four chunks of target accounts
 * (one being checked, two read ahead, one being read), the one being checked with their known
 * accounts, identities and desired state ({@code chunkSize} of each), one page of identities, the
 * names read so far as 64-bit hashes (8 bytes per target account: 8 MB for a million; see {@link
 * SeenNames} for the collision bound), per-situation counters, the ids of identities matched by
 * unlinked accounts that were not linked (report mode), and the planned operations with the names
 * of the accounts they touch (proportional to what needs fixing, not to the size of the target). It
 * never holds every account or every identity.
 *
 * <p>Report mode changes no target and no known account; it stores findings only (desired state may
 * assign usernames to identities that have none, exactly as planning does).
 */
public final class Reconciler {

  /** The default number of accounts (and identities) handled per chunk and transaction. */
  public static final int DEFAULT_CHUNK_SIZE = 1000;

  /** How many chunks the target is read ahead of the chunk being checked. */
  static final int READ_AHEAD = 2;

  private final Supplier<ConnectorRegistry> connectors;
  private final ReconciliationStore store;
  private final FindingRepository findings;
  private final IdentityRepository identities;
  private final AccountRepository accounts;
  private final DesiredStateService desired;
  private final DesiredStateService reportDesired;
  private final PlanExecution execution;
  private final PlanRepository plans;
  private final Transactions transactions;
  private final Clock clock;
  private final Function<TargetId, ReconciliationSettings> settings;
  private final int chunkSize;

  /**
   * @param connectors opens the connectors for one run (closed when the run has read the target)
   * @param settings the reconciliation settings of each target ({@link
   *     ReconciliationSettings#defaults()} for a target that configures none)
   * @param chunkSize accounts and identities per chunk, at least 1
   */
  public Reconciler(
      Supplier<ConnectorRegistry> connectors,
      ReconciliationStore store,
      FindingRepository findings,
      IdentityRepository identities,
      AccountRepository accounts,
      DesiredStateService desired,
      PlanExecution execution,
      PlanRepository plans,
      Transactions transactions,
      Clock clock,
      Function<TargetId, ReconciliationSettings> settings,
      int chunkSize) {
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunk size must be at least 1");
    }
    this.connectors = Objects.requireNonNull(connectors, "connectors");
    this.store = Objects.requireNonNull(store, "store");
    this.findings = Objects.requireNonNull(findings, "findings");
    this.identities = Objects.requireNonNull(identities, "identities");
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.desired = Objects.requireNonNull(desired, "desired");
    this.reportDesired =
        new DesiredStateService(
            desired.policy(),
            new UnsavedIdentities(identities),
            accounts,
            clock,
            desired.assignments());
    this.execution = Objects.requireNonNull(execution, "execution");
    this.plans = Objects.requireNonNull(plans, "plans");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.chunkSize = chunkSize;
  }

  /**
   * Reconciles the target.
   *
   * @param target a configured target
   * @param mode report only, or apply the target's policy
   * @param actor who asked, recorded on the plan and in the audit log ({@code cli:alice})
   * @throws ConnectorException when the target cannot be read (its connector cannot be created,
   *     cannot search, or fails while streaming); findings of the chunks read so far are kept, no
   *     fix is executed
   */
  public ReconciliationReport reconcile(TargetId target, ReconcileMode mode, String actor) {
    return run(target, mode, actor, null);
  }

  /**
   * Reconciles only the accounts the target says changed at or after {@code since}, when its
   * connector implements {@link IncrementalSearchCapability}; otherwise exactly {@link
   * #reconcile(TargetId, ReconcileMode, String)}. An incremental run replaces the findings of the
   * accounts it reads and keeps the others; it does not look for missing accounts nor forget known
   * accounts the target no longer has (only a full run can tell); its report checked no identities.
   *
   * @param since usually the start of the previous run, minus a margin for clock skew
   */
  public ReconciliationReport reconcileChanges(
      TargetId target, ReconcileMode mode, String actor, Instant since) {
    return run(target, mode, actor, Objects.requireNonNull(since, "since"));
  }

  private ReconciliationReport run(
      TargetId target, ReconcileMode mode, String actor, @Nullable Instant since) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(mode, "mode");
    ReconciliationSettings targetSettings = settings.apply(target);
    ReconciliationPolicy policy =
        mode == ReconcileMode.REPORT ? ReconciliationPolicy.reportOnly() : targetSettings.policy();
    Instant startedAt = clock.instant();
    ReconciliationRun run =
        new ReconciliationRun(
            target,
            targetSettings.correlation(),
            policy,
            targetSettings.orphanScope(),
            desired.policy().ownership(),
            startedAt,
            desired.policy().planningContext(startedAt),
            store,
            findings,
            identities,
            accounts,
            mode == ReconcileMode.REPORT ? reportDesired : desired);
    boolean incremental = readTarget(run, since);
    long identitiesChecked = 0;
    IdentityPage page = new IdentityPage(null);
    while (!incremental) {
      IdentityPage current = page;
      List<Identity> batch =
          transactions.inTransaction(() -> store.identitiesAfter(current.after(), chunkSize));
      if (batch.isEmpty()) {
        break;
      }
      identitiesChecked += batch.size();
      transactions.run(() -> run.checkMissing(batch));
      page = new IdentityPage(batch.get(batch.size() - 1).id());
    }
    if (mode == ReconcileMode.FIX && !incremental) {
      forgetVanishedAccounts(run);
    }
    ExecutionSummary summary = null;
    List<Operation> operations = run.operations();
    if (!operations.isEmpty()) {
      operations.sort(Planner.ORDER);
      summary = execution.apply(new Plan(operations), actor, "reconcile " + target);
      recordOutcomes(target, summary);
    }
    return new ReconciliationReport(
        target,
        mode,
        startedAt,
        clock.instant(),
        run.accountsRead(),
        identitiesChecked,
        run.counts(),
        run.linked(),
        run.forgotten(),
        operations.size(),
        summary,
        run.largestChunk(),
        run.seenNamesBytes());
  }

  /** Reads the target (only what changed when it can tell); true when the read was incremental. */
  private boolean readTarget(ReconciliationRun run, @Nullable Instant since) {
    try (ConnectorRegistry registry = connectors.get()) {
      Connector connector = registry.connector(run.target());
      if (!(connector instanceof SearchCapability search)) {
        throw new ConnectorException(
            ErrorKind.CONFIGURATION,
            "target '"
                + run.target()
                + "' (connector type '"
                + connector.type()
                + "') cannot be reconciled: its connector does not implement SearchCapability");
      }
      boolean incremental = since != null && search instanceof IncrementalSearchCapability;
      if (!incremental) {
        transactions.run(() -> findings.clear(run.target()));
      }
      try (Stream<RemoteAccount> all =
          incremental
              ? ((IncrementalSearchCapability) search).changedSince(Objects.requireNonNull(since))
              : search.accounts()) {
        try (ChunkPrefetcher chunks = new ChunkPrefetcher(all, chunkSize, READ_AHEAD)) {
          for (List<RemoteAccount> chunk = chunks.next(); chunk != null; chunk = chunks.next()) {
            List<RemoteAccount> full = chunk;
            transactions.run(
                () -> {
                  if (incremental) {
                    findings.forget(run.target(), full.stream().map(RemoteAccount::name).toList());
                  }
                  run.checkAccounts(full);
                });
          }
        }
      }
      return incremental;
    }
  }

  private void forgetVanishedAccounts(ReconciliationRun run) {
    @Nullable String after = null;
    while (true) {
      String from = after;
      var page =
          transactions.inTransaction(() -> store.knownAccountsAfter(run.target(), from, chunkSize));
      if (page.isEmpty()) {
        return;
      }
      transactions.run(() -> run.forgetVanished(page));
      after = page.get(page.size() - 1).username();
    }
  }

  private void recordOutcomes(TargetId target, ExecutionSummary summary) {
    Map<String, FindingAction> outcomes = new HashMap<>();
    List<StoredOperation> stored =
        transactions.inTransaction(() -> plans.operations(summary.plan()));
    for (StoredOperation operation : stored) {
      String username = operation.operation().username();
      boolean succeeded = operation.state() == OperationState.SUCCEEDED;
      outcomes.merge(
          username,
          succeeded ? FindingAction.FIXED : FindingAction.FAILED,
          (left, right) ->
              left == FindingAction.FAILED || right == FindingAction.FAILED
                  ? FindingAction.FAILED
                  : FindingAction.FIXED);
    }
    transactions.run(() -> findings.updateActions(target, outcomes));
  }

  private record IdentityPage(@Nullable IdentityId after) {}
}
