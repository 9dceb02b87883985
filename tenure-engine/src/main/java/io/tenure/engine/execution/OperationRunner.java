package io.tenure.engine.execution;

import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.core.account.KnownAccount;
import io.tenure.core.account.TargetId;
import io.tenure.core.plan.AccountTransitions;
import io.tenure.core.plan.DeleteAccount;
import io.tenure.core.plan.Operation;
import io.tenure.engine.account.AccountRepository;
import io.tenure.engine.account.Ownership;
import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.connector.ConnectorRegistry;
import io.tenure.engine.store.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Runs one stored operation once through its target's connector and records the outcome: the unit a
 * queue worker would call for each claimed operation.
 *
 * <p>On success, in one transaction: the known account is updated ({@link AccountTransitions}), the
 * attempt is recorded, and an {@code operation.succeeded} audit event is appended whose reason is
 * the operation's rendered reason. On failure, in one transaction: the attempt with its {@link
 * ErrorKind} and message (state {@link OperationState#FAILED} when the error is retryable, {@link
 * OperationState#PARKED} otherwise) and an {@code operation.failed} audit event. A connector that
 * lacks the capability an operation needs is a permanent failure.
 *
 * <p>Run for a queue worker with its {@link Claim}, the outcome is recorded only while the claim
 * holds, and the claim is released in the same transaction; an operation that is parked (a
 * permanent error, or its last attempt failed) gets an {@code operation.parked} audit event.
 *
 * <p>After a delete of a person's account is recorded, its {@link DeletionListener} is told (the
 * retention delete's follow-ups, such as pseudonymising a leaver whose last account went).
 *
 * <p>When the claim says a connection failure is its target's outage ({@link Claim#outage}), the
 * operation is handed back without an attempt: nothing is recorded, no event appended, the attempt
 * is not counted ({@link #postpone}).
 *
 * <p>Every step is idempotent, so an operation whose outcome was lost (a crash after the target
 * changed) can be run again. A create that finds the account already there <b>links</b> it (reads
 * it, then converges attributes and the enabled flag to the desired ones) only when the account is
 * shown to be the person's: Tenure knows it as theirs (it created it, or reconciliation linked it),
 * or the {@link Ownership} rules find evidence on the account itself (an identifying attribute such
 * as {@code employeeNumber} holds the person's value, or it holds exactly what this create writes,
 * so an earlier attempt made it). Any other account of that name is not Tenure's: the create fails
 * permanently ({@link ErrorKind#CONSTRAINT}, parked, message starting {@value #NOT_OURS}) and the
 * account is left exactly as it was.
 */
public final class OperationRunner {

  /** How the message of a create refused because the account is not Tenure's begins. */
  public static final String NOT_OURS = "not Tenure's: ";

  private final PlanRepository plans;
  private final AccountRepository accounts;
  private final AuditLog audit;
  private final Transactions transactions;
  private final Clock clock;
  private final DeletionListener deletions;
  private final GroupCommit groupCommit;
  private final TargetCalls calls;

  /** A runner that adopts existing accounts only on the evidence of {@link Ownership#none()}. */
  public OperationRunner(
      PlanRepository plans,
      AccountRepository accounts,
      AuditLog audit,
      Transactions transactions,
      Clock clock) {
    this(plans, accounts, audit, transactions, clock, Ownership.none());
  }

  public OperationRunner(
      PlanRepository plans,
      AccountRepository accounts,
      AuditLog audit,
      Transactions transactions,
      Clock clock,
      Ownership ownership) {
    this(plans, accounts, audit, transactions, clock, ownership, DeletionListener.none());
  }

  /**
   * @param deletions told after each successful delete of a person's account is recorded
   */
  public OperationRunner(
      PlanRepository plans,
      AccountRepository accounts,
      AuditLog audit,
      Transactions transactions,
      Clock clock,
      Ownership ownership,
      DeletionListener deletions) {
    this.plans = plans;
    this.accounts = accounts;
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock;
    this.calls = new TargetCalls(ownership);
    this.deletions = deletions;
    this.groupCommit =
        new GroupCommit(
            transactions, audit, GroupCommit.DEFAULT_MAX_GROUP, GroupCommit.DEFAULT_MAX_WRITERS);
  }

  /** Runs the operation and records its outcome. Never throws for a connector failure. */
  public OperationOutcome run(StoredOperation stored, ConnectorRegistry connectors, String actor) {
    return run(stored, connectors, actor, Claim.none());
  }

  /**
   * Runs a claimed operation and records its outcome only if the claim still holds, releasing it in
   * the same transaction; when the release parks the operation, an {@code operation.parked} audit
   * event is appended too.
   *
   * @throws ClaimLostException when the claim was lost meanwhile: the attempt is then recorded with
   *     outcome {@code LEASE_LOST} and an {@code operation.lease-lost} audit event, nothing else
   */
  public OperationOutcome run(
      StoredOperation stored, ConnectorRegistry connectors, String actor, Claim claim) {
    return run(stored, connectors, actor, claim, null, false);
  }

  /**
   * As {@link #run(StoredOperation, ConnectorRegistry, String, Claim)}, with the operation's main
   * connector call already made in a batch when {@code answer} is not null: its result stands for
   * that call, and everything else (linking an existing account after a create, the recording) is
   * the single run's. The recording transaction is shared with the recordings of other threads that
   * call this meanwhile ({@link GroupCommit}): the calling thread must not be in a transaction.
   */
  OperationOutcome runGrouped(
      StoredOperation stored,
      ConnectorRegistry connectors,
      String actor,
      Claim claim,
      @Nullable BatchAnswer answer) {
    return run(stored, connectors, actor, claim, answer, true);
  }

  private OperationOutcome run(
      StoredOperation stored,
      ConnectorRegistry connectors,
      String actor,
      Claim claim,
      @Nullable BatchAnswer answer,
      boolean grouped) {
    Ran ran = attempt(stored, connectors, actor, claim, answer);
    if (ran.postponed() != null) {
      return ran.postponed();
    }
    Attempted attempted = ran.attempted();
    OperationOutcome recorded = record(attempted, grouped);
    told(attempted);
    return recorded;
  }

  /**
   * The operation run once through its connector (its main call already made in a batch when {@code
   * answer} is not null), its outcome not yet recorded; or handed back without an attempt when the
   * claim says its failure is its target's outage.
   */
  Ran attempt(
      StoredOperation stored,
      ConnectorRegistry connectors,
      String actor,
      Claim claim,
      @Nullable BatchAnswer answer) {
    Instant started = clock.instant();
    Operation operation = stored.operation();
    Optional<KnownAccount> before =
        answer != null
            ? answer.before()
            : transactions.inTransaction(
                () -> accounts.find(operation.target(), operation.username()));
    TargetCalls.Result result;
    try {
      result =
          calls.perform(
              operation,
              before,
              connectors.connector(operation.target()),
              answer == null ? null : answer.result(),
              clock.instant());
    } catch (ConnectorException e) {
      if (claim.outage(e)) {
        return new Ran(postpone(stored, claim, e.kind(), e.getMessage()), null);
      }
      return failed(stored, actor, claim, started, e.kind(), e.getMessage());
    } catch (RuntimeException e) {
      return failed(
          stored,
          actor,
          claim,
          started,
          ErrorKind.OTHER,
          "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    return ran(
        stored,
        actor,
        claim,
        new OperationAttempt(
            started, clock.instant(), OperationState.SUCCEEDED, null, result.note()),
        result.account());
  }

  private Ran failed(
      StoredOperation stored,
      String actor,
      Claim claim,
      Instant started,
      ErrorKind kind,
      @Nullable String text) {
    String message = text == null ? kind.name() : text;
    OperationState state = kind.retryable() ? OperationState.FAILED : OperationState.PARKED;
    return ran(
        stored,
        actor,
        claim,
        new OperationAttempt(started, clock.instant(), state, kind, message),
        Optional.empty());
  }

  /** The attempt to record, its outcome the attempt's. */
  private static Ran ran(
      StoredOperation stored,
      String actor,
      Claim claim,
      OperationAttempt attempt,
      Optional<KnownAccount> account) {
    return new Ran(
        null,
        new Attempted(
            stored,
            actor,
            claim,
            attempt,
            new OperationOutcome(
                stored.id(), attempt.outcome(), attempt.errorKind(), attempt.message()),
            attempt.outcome() == OperationState.SUCCEEDED,
            account));
  }

  /**
   * What {@link #attempt} came to: the outcome of an operation handed back without an attempt, or
   * the attempt to record (exactly one of them is not null).
   */
  record Ran(@Nullable OperationOutcome postponed, @Nullable Attempted attempted) {}

  /**
   * An operation's attempt, made and not yet recorded.
   *
   * @param succeeded whether its outcome is a success, which changes the known account: saved as
   *     {@code account} when present, forgotten otherwise
   */
  record Attempted(
      StoredOperation stored,
      String actor,
      Claim claim,
      OperationAttempt attempt,
      OperationOutcome outcome,
      boolean succeeded,
      Optional<KnownAccount> account) {

    String action() {
      return succeeded ? "operation.succeeded" : "operation.failed";
    }

    String outcomeText() {
      return succeeded ? "success" : "failure";
    }
  }

  /**
   * The recorded attempt of one of {@link #recordAll}'s operations: its outcome, or null when its
   * claim was lost (its attempt then recorded as lost), or the failure that kept it from being
   * recorded at all.
   */
  record Recorded(
      Attempted attempted,
      @Nullable OperationOutcome outcome,
      @Nullable RuntimeException failure) {}

  /**
   * Records the attempts of many claimed operations (distinct operations, of distinct accounts) as
   * {@link #record} records each, in one recording: every claim is checked and settled in one step
   * ({@link OperationQueue#settleAll}; a claim lost meanwhile records a lost attempt and an {@code
   * operation.lease-lost} event for its operation only), the known accounts of the settled ones
   * saved in one step and forgotten in one, and the audit events appended as one batch, all in one
   * transaction (shared with other threads' recordings, {@link GroupCommit}). When that transaction
   * fails, or a claim cannot be settled so ({@link Claim#settlement} is null), each is recorded
   * alone as a single run records it. The calling thread must not be in a transaction.
   */
  List<Recorded> recordAll(List<Attempted> attempts, OperationQueue queue) {
    List<Recorded> recorded = new ArrayList<>();
    if (attempts.isEmpty()) {
      return recorded;
    }
    List<Boolean> held = null;
    if (attempts.size() > 1) {
      try {
        held = groupCommit.record(events -> writeAll(attempts, queue, events));
      } catch (RuntimeException failed) {
        held = null;
      }
    }
    if (held == null) {
      for (Attempted attempted : attempts) {
        try {
          OperationOutcome outcome = record(attempted, true);
          told(attempted);
          recorded.add(new Recorded(attempted, outcome, null));
        } catch (ClaimLostException lost) {
          recorded.add(new Recorded(attempted, null, null));
        } catch (RuntimeException failure) {
          recorded.add(new Recorded(attempted, null, failure));
        }
      }
      return recorded;
    }
    for (int index = 0; index < attempts.size(); index++) {
      Attempted attempted = attempts.get(index);
      if (held.get(index)) {
        told(attempted);
        recorded.add(new Recorded(attempted, attempted.outcome(), null));
      } else {
        recorded.add(new Recorded(attempted, null, null));
      }
    }
    return recorded;
  }

  /**
   * The recording of attempts, in the caller's transaction (a group's, or the single run's): each
   * claim checked and settled, a lost one recorded as lost with an {@code operation.lease-lost}
   * event; for each settled one, the known account saved or forgotten and its audit events added to
   * {@code events}. Returns whether each claim held. With a {@code queue}, every claim is settled
   * in one step ({@link OperationQueue#settleAll}) and the known accounts saved in one; without
   * one, each claim settles itself ({@link Claim#settle}) and each account is saved by itself,
   * which is how an attempt recorded alone is recorded.
   *
   * @throws IllegalStateException when, with a queue, a claim cannot be settled in one step with
   *     the others
   */
  private List<Boolean> writeAll(
      List<Attempted> attempts, @Nullable OperationQueue queue, List<AuditEvent> events) {
    List<@Nullable OperationState> states =
        queue == null ? settleEach(attempts) : settleTogether(attempts, queue);
    List<Boolean> held = new ArrayList<>();
    List<KnownAccount> saved = new ArrayList<>();
    Map<TargetId, List<String>> forgotten = new TreeMap<>();
    for (int index = 0; index < attempts.size(); index++) {
      Attempted attempted = attempts.get(index);
      OperationState state = states.get(index);
      StoredOperation stored = attempted.stored();
      Instant finished = attempted.attempt().finished();
      if (state == null) {
        attempted.claim().lost(attempted.attempt());
        events.add(
            event(
                stored,
                attempted.actor(),
                "operation.lease-lost",
                "lease lost",
                finished,
                attempted.outcome()));
        held.add(false);
        continue;
      }
      if (attempted.succeeded()) {
        Operation operation = stored.operation();
        attempted
            .account()
            .ifPresentOrElse(
                saved::add,
                () ->
                    forgotten
                        .computeIfAbsent(operation.target(), ignored -> new ArrayList<>())
                        .add(operation.username()));
      }
      events.add(
          event(
              stored,
              attempted.actor(),
              attempted.action(),
              attempted.outcomeText(),
              finished,
              attempted.outcome()));
      if (state == OperationState.PARKED) {
        events.add(parked(stored, attempted.actor(), finished, attempted.outcome()));
      }
      held.add(true);
    }
    if (queue == null) {
      // recorded alone: nothing goes through the one-step statements, so that the attempts of a
      // batch whose recording failed (say, its one-step save) are each recorded without them
      saved.forEach(accounts::save);
      forgotten.forEach(
          (target, usernames) -> usernames.forEach(name -> accounts.delete(target, name)));
    } else {
      accounts.saveAll(saved);
      forgotten.forEach(accounts::deleteAll);
    }
    return held;
  }

  /**
   * Each claim settled alone ({@link Claim#settle}: the attempt recorded and the claim ended if it
   * still holds): the operation's state from now on, null where the claim was lost.
   */
  private List<@Nullable OperationState> settleEach(List<Attempted> attempts) {
    List<@Nullable OperationState> states = new ArrayList<>();
    for (Attempted attempted : attempts) {
      OperationId id = attempted.stored().id();
      states.add(
          attempted
              .claim()
              .settle(
                  attempted.attempt(), attempted.outcome(), each -> plans.recordAttempt(id, each)));
    }
    return states;
  }

  /**
   * Every claim settled in one step ({@link OperationQueue#settleAll}): the operation's state from
   * now on, null where the claim was lost.
   *
   * @throws IllegalStateException when a claim cannot be settled so ({@link Claim#settlement} is
   *     null)
   */
  private List<@Nullable OperationState> settleTogether(
      List<Attempted> attempts, OperationQueue queue) {
    List<Settlement> settlements = new ArrayList<>();
    for (Attempted attempted : attempts) {
      Settlement settlement =
          attempted.claim().settlement(attempted.attempt(), attempted.outcome());
      if (settlement == null) {
        throw new IllegalStateException(
            "the claim on operation " + attempted.stored().id() + " is settled only alone");
      }
      settlements.add(settlement);
    }
    Set<OperationId> settled = queue.settleAll(settlements, clock.instant());
    List<@Nullable OperationState> states = new ArrayList<>();
    for (int index = 0; index < attempts.size(); index++) {
      Settlement settlement = settlements.get(index);
      if (settled.contains(settlement.operation())) {
        attempts.get(index).claim().settled(settlement);
        states.add(settlement.state());
      } else {
        states.add(null);
      }
    }
    return states;
  }

  /** After a recorded success: the deletion listener, for a delete of a person's account. */
  private void told(Attempted attempted) {
    Operation operation = attempted.stored().operation();
    if (attempted.succeeded() && operation instanceof DeleteAccount && operation.owner() != null) {
      deletions.deleted(operation.owner(), attempted.actor());
    }
  }

  /**
   * Records one attempt as {@link #recordAll} records many ({@link #writeAll} of one, its claim
   * settling itself), in one transaction, if the claim still holds: its effects on the known
   * accounts, the attempt, its audit event, the release, and an {@code operation.parked} event if
   * it parks. When {@code grouped}, that transaction may be shared with other threads' recordings
   * ({@link GroupCommit}); each recording still checks its own claim and records its own outcome.
   *
   * @throws ClaimLostException when the claim was lost: only the lost attempt and its {@code
   *     operation.lease-lost} event are recorded
   */
  private OperationOutcome record(Attempted attempted, boolean grouped) {
    GroupCommit.Recording<Boolean> recording =
        events -> writeAll(List.of(attempted), null, events).get(0);
    boolean recorded =
        grouped
            ? groupCommit.record(recording)
            : transactions.inTransaction(
                () -> {
                  List<AuditEvent> events = new ArrayList<>();
                  boolean held = recording.write(events);
                  audit.appendAll(events);
                  return held;
                });
    if (!recorded) {
      throw new ClaimLostException(attempted.stored().id());
    }
    return attempted.outcome();
  }

  /**
   * Hands a claimed operation back without an attempt, because its target is out: if the claim
   * still holds, it is {@linkplain Claim#postpone() postponed} (state and attempts unchanged, due
   * at once); nothing is recorded and no audit event is appended. Returns a {@link
   * OperationState#PENDING} outcome carrying the failure that showed the outage, if any.
   */
  OperationOutcome postpone(
      StoredOperation stored, Claim claim, @Nullable ErrorKind kind, @Nullable String message) {
    transactions.run(
        () -> {
          if (claim.held()) {
            claim.postpone();
          }
        });
    return new OperationOutcome(
        stored.id(),
        OperationState.PENDING,
        kind,
        message == null ? "postponed: target " + stored.operation().target() + " is out" : message);
  }

  /**
   * Appends an event of the queue workers (a target's outage or recovery) in its own transaction.
   */
  void recordEvent(AuditEvent event) {
    transactions.run(() -> audit.append(event));
  }

  /**
   * Records that an operation was not run because an earlier operation on the same account failed.
   */
  public OperationOutcome skip(StoredOperation stored, String actor, String because) {
    Instant now = clock.instant();
    OperationOutcome outcome =
        new OperationOutcome(stored.id(), OperationState.SKIPPED, null, because);
    transactions.run(
        () -> {
          plans.recordAttempt(
              stored.id(), new OperationAttempt(now, now, OperationState.SKIPPED, null, because));
          audit.append(event(stored, actor, "operation.skipped", "skipped", now, outcome));
        });
    return outcome;
  }

  /**
   * The event of an operation parked for an operator: a permanent error, or its last attempt
   * failed. Its details name the operation, account, kind, attempts made and the last error.
   */
  private static AuditEvent parked(
      StoredOperation stored, String actor, Instant at, OperationOutcome outcome) {
    Operation operation = stored.operation();
    Map<String, String> details = new TreeMap<>();
    details.put("plan", stored.plan().value());
    details.put("operation", stored.id().toString());
    details.put("target", operation.target().value());
    details.put("username", operation.username());
    details.put("kind", operation.kind().name());
    details.put("attempts", Integer.toString(stored.attempts() + 1));
    if (outcome.errorKind() != null) {
      details.put("errorKind", outcome.errorKind().name());
    }
    if (outcome.message() != null) {
      details.put("error", outcome.message());
    }
    return new AuditEvent(
        at,
        actor,
        "operation.parked",
        operation.target() + "/" + operation.username(),
        operation.reason().render(),
        "parked",
        details);
  }

  private static AuditEvent event(
      StoredOperation stored,
      String actor,
      String action,
      String outcomeText,
      Instant at,
      OperationOutcome outcome) {
    Operation operation = stored.operation();
    Map<String, String> details = new TreeMap<>();
    details.put("plan", stored.plan().value());
    details.put("operation", stored.id().toString());
    details.put("kind", operation.kind().name());
    details.put("change", operation.describe());
    details.put("target", operation.target().value());
    details.put("username", operation.username());
    if (operation instanceof io.tenure.core.plan.AddEntitlement add) {
      details.put("entitlement", add.entitlement());
    } else if (operation instanceof io.tenure.core.plan.RemoveEntitlement remove) {
      details.put("entitlement", remove.entitlement());
    } else if (operation instanceof io.tenure.core.plan.CreateAccount create) {
      details.put("enabled", Boolean.toString(create.enabled()));
    }
    if (operation.owner() != null) {
      details.put("owner", operation.owner().value());
    }
    if (outcome.errorKind() != null) {
      details.put("errorKind", outcome.errorKind().name());
    }
    if (outcome.message() != null) {
      details.put(outcome.failed() ? "error" : "note", outcome.message());
    }
    return new AuditEvent(
        at,
        actor,
        action,
        operation.target() + "/" + operation.username(),
        operation.reason().render(),
        outcomeText,
        details);
  }

  /** The accounts Tenure knows on the target under these names, by name, in one read. */
  Map<String, KnownAccount> knownAccounts(TargetId target, List<String> usernames) {
    Map<String, KnownAccount> known = new HashMap<>();
    transactions
        .inTransaction(() -> accounts.findAll(target, usernames))
        .forEach(account -> known.put(account.username(), account));
    return known;
  }
}
