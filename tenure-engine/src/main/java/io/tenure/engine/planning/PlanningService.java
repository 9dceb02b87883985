package io.tenure.engine.planning;

import io.tenure.core.account.KnownAccount;
import io.tenure.core.account.TargetId;
import io.tenure.core.desired.DesiredAccount;
import io.tenure.core.desired.DesiredState;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.Operation;
import io.tenure.core.plan.Plan;
import io.tenure.core.plan.Planner;
import io.tenure.engine.account.AccountRepository;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.progress.ProgressBoard;
import io.tenure.engine.store.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Computes plans: desired state for identities, diffed by the core {@link Planner} against the
 * accounts Tenure knows they have. Stores no plan (see {@code ExecutionService} for that), but does
 * save newly assigned usernames on identities, so that the next plan names the same accounts.
 *
 * <p>Identities are processed in batches (1000 by default), each in one store transaction: desired
 * state for the batch, the batch's known accounts, the planner. The batches' operations are then
 * sorted together by {@link Planner#ORDER}, so the plan is the same as one computed over everybody
 * at once: deterministic for the same input, and for each account its operations come in phase
 * order (create, update, enable, add, remove, disable, delete). The people who need a new username
 * get one in the {@link UsernameOrder} over all of them, and are planned after the others.
 *
 * <p>A plan too large to hold is made with {@link #plan(Consumer)} or {@link #planFor(Collection,
 * Consumer)}: each batch's operations (sorted) are handed on as they are made, and what is held
 * besides one batch is the ids of the people who need a new username.
 */
public final class PlanningService {

  /** The default number of identities planned per transaction. */
  public static final int DEFAULT_BATCH_SIZE = 1000;

  private final DesiredStateService desired;
  private final IdentityRepository identities;
  private final AccountRepository accounts;
  private final Transactions transactions;
  private final Clock clock;
  private final int batchSize;
  private final MoveNotes moves;
  private final ProgressBoard progress;

  public PlanningService(
      DesiredStateService desired,
      IdentityRepository identities,
      AccountRepository accounts,
      Transactions transactions,
      Clock clock) {
    this(desired, identities, accounts, transactions, clock, DEFAULT_BATCH_SIZE);
  }

  public PlanningService(
      DesiredStateService desired,
      IdentityRepository identities,
      AccountRepository accounts,
      Transactions transactions,
      Clock clock,
      int batchSize) {
    this(desired, identities, accounts, transactions, clock, batchSize, new MoveNotes());
  }

  /**
   * A planning service whose removals of entitlements say so when they follow a move the import
   * just noted ({@link MoveNotes}); the notes are cleared once a plan is made.
   */
  public PlanningService(
      DesiredStateService desired,
      IdentityRepository identities,
      AccountRepository accounts,
      Transactions transactions,
      Clock clock,
      int batchSize,
      MoveNotes moves) {
    this(desired, identities, accounts, transactions, clock, batchSize, moves, new ProgressBoard());
  }

  /** A planning service that also reports how many people it planned ({@code plan} phase). */
  public PlanningService(
      DesiredStateService desired,
      IdentityRepository identities,
      AccountRepository accounts,
      Transactions transactions,
      Clock clock,
      int batchSize,
      MoveNotes moves,
      ProgressBoard progress) {
    this.moves = moves;
    this.progress = progress;
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1");
    }
    this.desired = desired;
    this.identities = identities;
    this.accounts = accounts;
    this.transactions = transactions;
    this.clock = clock;
    this.batchSize = batchSize;
  }

  /**
   * The plan for every identity in the store, read once: the identities are streamed ({@link
   * IdentityRepository#stream()} stays open while the batches' transactions run) and planned in
   * batches as they come, except the people who need a new username, who are kept aside, named in
   * one {@link UsernameOrder} over all of them once the stream has ended, and planned then. The
   * plan of one person does not depend on the usernames given to others, so the plan is the same as
   * when everybody is named first.
   */
  public Plan plan() {
    List<Operation> operations = new ArrayList<>();
    plan(operations::addAll);
    operations.sort(Planner.ORDER);
    return new Plan(operations);
  }

  /**
   * The plan for every identity, as {@link #plan()} makes it, handed to {@code chunks} one batch of
   * identities at a time instead of held: each chunk is the operations of one batch sorted by
   * {@link Planner#ORDER}, and an account's operations are all in one chunk (the batch of its
   * owner). Sorting the chunks' operations together by {@link Planner#ORDER} (stably, in the order
   * the chunks came) gives exactly {@link #plan()}. Only one batch is held at a time, besides the
   * people who need a new username.
   */
  public void plan(Consumer<List<Operation>> chunks) {
    Instant now = clock.instant();
    List<IdentityId> needing = new ArrayList<>();
    progress.start("plan", identities.count());
    try {
      try (Stream<Identity> all = identities.stream()) {
        Iterator<Identity> iterator = all.iterator();
        List<Identity> batch = new ArrayList<>(batchSize);
        while (iterator.hasNext()) {
          Identity identity = iterator.next();
          if (desired.needsNewUsername(identity)) {
            needing.add(identity.id());
            continue;
          }
          batch.add(identity);
          if (batch.size() == batchSize) {
            chunks.accept(planBatch(List.copyOf(batch), now));
            progress.advance(batch.size());
            batch.clear();
          }
        }
        if (!batch.isEmpty()) {
          chunks.accept(planBatch(List.copyOf(batch), now));
          progress.advance(batch.size());
        }
      }
      nameAndPlan(needing, now, chunks);
    } finally {
      progress.finish();
    }
    moves.clear();
  }

  /**
   * Names the people who need a new username in one {@link UsernameOrder} over all of them, then
   * plans them: each batch of that order is read again, named and planned in one transaction (only
   * their ids are held until then).
   */
  private void nameAndPlan(
      List<IdentityId> needing, Instant now, Consumer<List<Operation>> chunks) {
    if (needing.isEmpty()) {
      return;
    }
    List<IdentityId> ordered = desired.usernameOrder().sortIds(needing);
    for (int from = 0; from < ordered.size(); from += batchSize) {
      List<IdentityId> ids = ordered.subList(from, Math.min(ordered.size(), from + batchSize));
      chunks.accept(
          transactions.inTransaction(
              () -> {
                // read again by id, in the order of the names: only ids were held
                Map<IdentityId, Identity> read = new HashMap<>();
                identities.findAll(ids).forEach(identity -> read.put(identity.id(), identity));
                List<Identity> batch =
                    ids.stream().map(read::get).filter(Objects::nonNull).toList();
                Map<IdentityId, Identity> named = desired.assignUsernames(batch);
                return planIdentities(
                    batch.stream()
                        .map(identity -> named.getOrDefault(identity.id(), identity))
                        .toList(),
                    now);
              }));
      progress.advance(ids.size());
    }
  }

  /**
   * The plan for a few identities (after an import changed them, for example). Ids that name no
   * identity are ignored; the accounts of everybody else are left alone. The identities are read a
   * batch at a time ({@link IdentityRepository#findAll}); the people who need a new username are
   * named and planned last, as by {@link #plan()}.
   */
  public Plan planFor(Collection<IdentityId> ids) {
    List<Operation> operations = new ArrayList<>();
    planFor(ids, operations::addAll);
    operations.sort(Planner.ORDER);
    return new Plan(operations);
  }

  /**
   * The plan for a few identities, as {@link #planFor(Collection)} makes it, handed to {@code
   * chunks} one batch at a time, as {@link #plan(Consumer)} does.
   */
  public void planFor(Collection<IdentityId> ids, Consumer<List<Operation>> chunks) {
    Instant now = clock.instant();
    List<IdentityId> sorted = List.copyOf(new TreeSet<>(ids));
    List<IdentityId> needing = new ArrayList<>();
    for (int from = 0; from < sorted.size(); from += batchSize) {
      List<IdentityId> batchIds = sorted.subList(from, Math.min(sorted.size(), from + batchSize));
      chunks.accept(
          transactions.inTransaction(
              () -> planIdentities(setAsideUnnamed(identities.findAll(batchIds), needing), now)));
    }
    nameAndPlan(needing, now, chunks);
    moves.clear();
  }

  /**
   * The plan for a few identities as the caller's transaction has just saved them, as {@link
   * #planFor(Collection)} makes it without reading them again (a SCIM push plans for the one person
   * it saved). The identities given must be those stored in the caller's transaction.
   *
   * @param created those of them the caller's transaction created (new ids nobody else has seen):
   *     no account is known to be theirs yet, so their known accounts are not looked up
   */
  public Plan planForCurrent(Collection<Identity> current, Set<IdentityId> created) {
    Instant now = clock.instant();
    Map<IdentityId, Identity> sorted = new TreeMap<>();
    current.forEach(identity -> sorted.put(identity.id(), identity));
    List<IdentityId> needing = new ArrayList<>();
    List<Identity> named = setAsideUnnamed(sorted.values(), needing);
    List<Operation> operations =
        new ArrayList<>(transactions.inTransaction(() -> planIdentities(named, now, created)));
    nameAndPlan(needing, now, operations::addAll);
    moves.clear();
    operations.sort(Planner.ORDER);
    return new Plan(operations);
  }

  /**
   * The identities that keep their usernames, in the order given; the ids of those who need a new
   * one are added to {@code needing} instead (they are named together later, by {@link
   * #nameAndPlan}).
   */
  private List<Identity> setAsideUnnamed(
      Iterable<Identity> identitiesToPlan, List<IdentityId> needing) {
    List<Identity> named = new ArrayList<>();
    for (Identity identity : identitiesToPlan) {
      if (desired.needsNewUsername(identity)) {
        needing.add(identity.id());
      } else {
        named.add(identity);
      }
    }
    return named;
  }

  private List<Operation> planBatch(List<Identity> batch, Instant now) {
    return transactions.inTransaction(() -> planIdentities(batch, now));
  }

  /** Re-reads nothing: the identities given are current within the caller's transaction. */
  private List<Operation> planIdentities(List<Identity> batch, Instant now) {
    return planIdentities(batch, now, Set.of());
  }

  /**
   * Re-reads nothing: the identities given are current within the caller's transaction; the known
   * accounts of those in {@code created} (created by that transaction) are not looked up.
   */
  private List<Operation> planIdentities(
      List<Identity> batch, Instant now, Set<IdentityId> created) {
    if (batch.isEmpty()) {
      return List.of();
    }
    DesiredState state = desired.desiredFor(batch);
    List<IdentityId> owners =
        batch.stream().map(Identity::id).filter(id -> !created.contains(id)).toList();
    List<KnownAccount> known =
        owners.isEmpty() ? new ArrayList<>() : new ArrayList<>(accounts.findByOwners(owners));
    Set<String> knownNames = new HashSet<>();
    known.forEach(account -> knownNames.add(key(account.target(), account.username())));
    // a wanted name held by an orphan or another identity: the planner must see it (and leave
    // it alone) rather than plan a create that would collide; asked once per target
    Map<TargetId, Set<String>> unknown = new TreeMap<>();
    for (DesiredAccount account : state.accounts()) {
      if (!knownNames.contains(key(account.target(), account.username()))) {
        unknown
            .computeIfAbsent(account.target(), target -> new TreeSet<>())
            .add(account.username());
      }
    }
    unknown.forEach((target, names) -> known.addAll(accounts.findAll(target, names)));
    List<Operation> operations =
        new ArrayList<>(
            moves.explain(
                Planner.plan(state, known, desired.policy().planningContext(now)).operations()));
    operations.sort(Planner.ORDER);
    return operations;
  }

  private static String key(TargetId target, String username) {
    return target.value() + "\u0000" + username;
  }
}
