package io.tenure.engine.guard;

import io.tenure.core.account.TargetId;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.Operation;
import io.tenure.core.plan.Plan;
import io.tenure.core.plan.PlanOutline;
import io.tenure.engine.account.AccountRepository;
import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.configuration.GuardSettings;
import io.tenure.engine.configuration.TargetDefinition;
import io.tenure.engine.execution.AlreadyQueued;
import io.tenure.engine.execution.ExecutionService;
import io.tenure.engine.execution.ExecutionSummary;
import io.tenure.engine.execution.OperationId;
import io.tenure.engine.execution.OperationState;
import io.tenure.engine.execution.PlanExecution;
import io.tenure.engine.execution.PlanId;
import io.tenure.engine.execution.PlanRepository;
import io.tenure.engine.execution.QueueMark;
import io.tenure.engine.execution.StoredOperation;
import io.tenure.engine.execution.StoredPlan;
import io.tenure.engine.store.IdGenerator;
import io.tenure.engine.store.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Stores plans through the mass-change brake, then executes what may run; lets an operator resume
 * or reject a held plan.
 *
 * <p>Storing the plan, evaluating the brake (over the known-account counts read in the same
 * transaction) and holding the operations it names happen in <b>one transaction</b>: no worker can
 * ever see a held operation as pending. The held operations wait in state {@code HELD}; the rest of
 * the plan runs at once. Holding, resuming and rejecting are audited ({@code plan.held}, {@code
 * plan.resumed}, {@code plan.rejected}) with the actor and the reason.
 *
 * <p><b>Durable execution.</b> {@link #store} joins the caller's transaction, so that a plan is
 * stored in the same transaction as the identity changes that caused it, before anything touches a
 * target; {@link #execute} runs it after that transaction committed. Planned changes already queued
 * by earlier plans are not queued twice; executing waits for those too.
 */
public final class GuardedExecution {

  private final PlanRepository plans;
  private final HeldPlanRepository holds;
  private final AccountRepository accounts;
  private final AuditLog audit;
  private final ExecutionService execution;
  private final Transactions transactions;
  private final IdGenerator ids;
  private final Clock clock;
  private final Function<TargetId, GuardSettings> settings;

  public GuardedExecution(
      PlanRepository plans,
      HeldPlanRepository holds,
      AccountRepository accounts,
      AuditLog audit,
      ExecutionService execution,
      Transactions transactions,
      IdGenerator ids,
      Clock clock,
      Function<TargetId, GuardSettings> settings) {
    this.plans = plans;
    this.holds = holds;
    this.accounts = accounts;
    this.audit = audit;
    this.execution = execution;
    this.transactions = transactions;
    this.ids = ids;
    this.clock = clock;
    this.settings = settings;
  }

  /** The brake settings of the configured targets; {@link GuardSettings#defaults()} for others. */
  public static Function<TargetId, GuardSettings> settingsOf(Collection<TargetDefinition> targets) {
    Map<TargetId, GuardSettings> byTarget = new TreeMap<>();
    targets.forEach(target -> byTarget.put(target.id(), target.guard()));
    return target -> byTarget.getOrDefault(target, GuardSettings.defaults());
  }

  /**
   * Stores the plan and holds what the brake names, in one transaction; runs nothing. Called in a
   * transaction (the one that changed the identities the plan is for, say), it joins it: the plan
   * is stored if and only if that transaction commits. Run {@link #execute} after the commit.
   *
   * <p>Planned operations that are already queued (see {@link AlreadyQueued}) are not stored again;
   * the stored plan has the others, and the brake weighs only those.
   */
  public GuardedPlan store(Plan plan, String actor, String trigger) {
    return store(plan, QueueMark.none(), actor, trigger);
  }

  /**
   * Which operations are open now: take it in the planning transaction before planning, and give it
   * to {@link #store(Plan, QueueMark, String, String)} (see {@link QueueMark}).
   */
  public QueueMark mark() {
    return transactions.inTransaction(() -> QueueMark.take(plans, null));
  }

  /**
   * Like {@link #mark()}, for a plan of these identities only ({@code PlanningService#planFor}): it
   * reads their operations, not the whole queue.
   */
  public QueueMark mark(Set<IdentityId> owners) {
    return transactions.inTransaction(() -> QueueMark.take(plans, owners));
  }

  /**
   * Like {@link #store(Plan, String, String)}; operations open at the mark that succeeded since
   * also count as already queued.
   */
  public GuardedPlan store(Plan plan, QueueMark mark, String actor, String trigger) {
    return transactions.inTransaction(
        () -> {
          GuardedPlan stored =
              store(chunks -> chunks.accept(plan.operations()), mark, actor, trigger);
          if (stored == null) {
            // an empty plan is stored as such, for the callers that store whatever they planned
            Instant now = clock.instant();
            PlanId id = ids.newPlanId();
            plans.writer().finish(id, actor, trigger, now);
            stored =
                new GuardedPlan(
                    new StoredPlan(id, micros(now), actor, trigger, Plan.empty()),
                    BrakeDecision.proceed(),
                    List.of(),
                    null,
                    null,
                    0);
          }
          // a plan given in memory is answered in memory: read back what was stored of it
          StoredPlan whole = plans.find(stored.stored().id()).orElseThrow();
          return new GuardedPlan(
              whole, stored.decision(), stored.alreadyQueued(), null, null, stored.size());
        });
  }

  /**
   * Stores a plan given in chunks as it is made, through the brake, in the caller's transaction
   * (joined, or one of its own), without holding the plan: each chunk is split against the queue
   * and staged; once {@code planner} has given every chunk, the brake judges the whole plan from
   * its running totals, the plan is stored in plan order and what the brake names is held, as by
   * {@link #store(Plan, QueueMark, String, String)}. If the transaction rolls back, nothing of the
   * plan is kept.
   *
   * @param planner gives the plan's chunks, each sorted by {@link
   *     io.tenure.core.plan.Planner#ORDER} and with every operation of an account in one chunk (as
   *     {@code PlanningService} does)
   * @return the stored plan, or null when nothing was planned; its {@link StoredPlan#plan()} holds
   *     the stored operations when there are at most {@link PlanOutline#DEFAULT_LIMIT}; otherwise
   *     it is a {@link StoredPlan#header} (the operations are in the store; {@link
   *     GuardedPlan#size()} counts them)
   */
  public @Nullable GuardedPlan store(
      Consumer<Consumer<List<Operation>>> planner, QueueMark mark, String actor, String trigger) {
    return transactions.inTransaction(
        () -> {
          PlanStream stream = new PlanStream(plans);
          planner.accept(stream);
          if (stream.planned() == 0) {
            return null;
          }
          stream.settle(mark);
          Instant now = clock.instant();
          MassChangeBrake.Judgement judgement =
              MassChangeBrake.judge(
                  stream.deprovisioned(),
                  settings,
                  accounts::count,
                  target ->
                      settings.apply(target).window().isZero()
                          ? Set.of()
                          : plans.deprovisionedSince(
                              target, now.minus(settings.apply(target).window())));
          PlanId id = ids.newPlanId();
          int size = stream.writer().finish(id, actor, trigger, now);
          List<StoredOperation> alreadyQueued = stream.alreadyQueued();
          BrakeDecision decision = BrakeDecision.proceed();
          if (judgement.held()) {
            Set<Integer> held = new TreeSet<>();
            judgement
                .heldAccounts()
                .forEach(
                    (target, usernames) ->
                        PlanStream.inBatches(
                            List.copyOf(usernames),
                            batch -> held.addAll(plans.sequencesOf(id, target, batch))));
            decision = new BrakeDecision(judgement.breaches(), held);
            holds.hold(id, decision.heldSequences(), decision.reason(), now);
            audit.append(
                new AuditEvent(
                    now,
                    actor,
                    "plan.held",
                    "plan " + id,
                    decision.reason(),
                    "held",
                    Map.of(
                        "plan",
                        id.value(),
                        "trigger",
                        trigger,
                        "heldOperations",
                        Integer.toString(decision.heldSequences().size()),
                        "operations",
                        Integer.toString(size),
                        "alreadyQueued",
                        Integer.toString(alreadyQueued.size()))));
          }
          // a small plan is read back whole; a large one stays in the store
          StoredPlan header =
              size <= PlanOutline.DEFAULT_LIMIT
                  ? plans.find(id).orElseThrow()
                  : StoredPlan.header(id, micros(now), actor, trigger);
          return new GuardedPlan(header, decision, alreadyQueued, null, null, size);
        });
  }

  private static Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * Executes a stored plan's operations that are not held, together with the already-queued
   * operations of earlier plans it relies on, until all of them are settled. Call it after the
   * transaction that stored the plan committed: the workers read the queue in their own
   * transactions.
   *
   * @return the stored plan with what executing it (and the already-queued operations, but those
   *     that were parked before and wait for an operator) came to
   */
  public GuardedPlan execute(GuardedPlan stored, String actor) {
    PlanId plan = stored.stored().id();
    Set<PlanId> earlier = stored.earlierPlans();
    ExecutionSummary summary = execution.execute(plan, earlier, actor);
    ExecutionSummary alreadyQueued = null;
    if (!earlier.isEmpty()) {
      // operations parked before this run wait for an operator: they are no failure of this run
      Set<OperationId> ids = new HashSet<>();
      stored.alreadyQueued().stream()
          .filter(operation -> operation.state() != OperationState.PARKED)
          .forEach(operation -> ids.add(operation.id()));
      List<StoredOperation> now =
          transactions.inTransaction(
              () ->
                  earlier.stream()
                      .flatMap(each -> plans.operations(each).stream())
                      .filter(operation -> ids.contains(operation.id()))
                      .toList());
      alreadyQueued = ExecutionSummary.of(plan, now);
    }
    return new GuardedPlan(
        stored.stored(),
        stored.decision(),
        stored.alreadyQueued(),
        summary,
        alreadyQueued,
        stored.size());
  }

  /**
   * Stores the plan through the brake (in its own transaction: do not call this in one), then
   * executes it.
   */
  public GuardedPlan apply(Plan plan, String actor, String trigger) {
    return execute(store(plan, actor, trigger), actor);
  }

  /**
   * This brake-guarded execution as a {@link PlanExecution} (held operations are counted as held).
   */
  public PlanExecution asPlanExecution() {
    return (plan, actor, trigger) -> apply(plan, actor, trigger).execution().orElseThrow();
  }

  /**
   * The operator lets a held plan go on: its held operations become pending and the plan is
   * executed.
   *
   * @throws IllegalArgumentException if the plan was never held
   * @throws IllegalStateException if it was already resumed or rejected
   */
  public ExecutionSummary resume(PlanId plan, String actor, String reason) {
    decide(plan, HoldStatus.RESUMED, actor, reason);
    return execution.execute(plan, actor);
  }

  /**
   * The operator discards a held plan's held operations; nothing else of the plan changes.
   *
   * @return the hold as it is now
   */
  public PlanHold reject(PlanId plan, String actor, String reason) {
    if (reason.isBlank()) {
      throw new IllegalArgumentException("rejecting a held plan needs a reason");
    }
    return decide(plan, HoldStatus.REJECTED, actor, reason);
  }

  private PlanHold decide(PlanId plan, HoldStatus decision, String actor, String reason) {
    return transactions.inTransaction(
        () -> {
          PlanHold hold =
              holds
                  .find(plan)
                  .orElseThrow(
                      () -> new IllegalArgumentException("plan " + plan + " is not a held plan"));
          if (hold.status() != HoldStatus.HELD) {
            throw new IllegalStateException(
                "plan "
                    + plan
                    + " was already "
                    + hold.status().name().toLowerCase(java.util.Locale.ROOT)
                    + " by "
                    + hold.decidedBy()
                    + " at "
                    + hold.decidedAt());
          }
          Instant now = clock.instant();
          int moved = holds.decide(plan, decision, actor, reason, now);
          String action = decision == HoldStatus.RESUMED ? "plan.resumed" : "plan.rejected";
          audit.append(
              new AuditEvent(
                  now,
                  actor,
                  action,
                  "plan " + plan,
                  reason.isBlank() ? "(no reason given)" : reason,
                  "success",
                  Map.of(
                      "plan",
                      plan.value(),
                      "operations",
                      Integer.toString(moved),
                      "heldBecause",
                      hold.reason())));
          return holds.find(plan).orElseThrow();
        });
  }

  /** Held plans (or every hold), newest first. */
  public List<PlanHold> holds(boolean onlyHeld, int limit) {
    return transactions.inTransaction(() -> holds.list(onlyHeld, limit));
  }
}
