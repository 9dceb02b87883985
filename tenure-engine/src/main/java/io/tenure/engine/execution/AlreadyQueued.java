package io.tenure.engine.execution;

import io.tenure.core.account.TargetId;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.AddEntitlement;
import io.tenure.core.plan.CreateAccount;
import io.tenure.core.plan.Operation;
import io.tenure.core.plan.OperationKind;
import io.tenure.core.plan.Plan;
import io.tenure.core.plan.RemoveEntitlement;
import io.tenure.core.plan.UpdateAccount;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A new plan split against the queue: the operations that are not queued yet, and the unsettled
 * operations of earlier plans that already make the others' changes.
 *
 * <p>Planning works from the accounts Tenure knows, not from the queue, so planning again while
 * earlier operations are still unsettled ({@code PENDING} or {@code FAILED}, claimed by a worker or
 * not, {@code HELD}, {@code PARKED}: after a crash, behind an outage, held by the brake) plans
 * their changes again. Storing those a second time would run each change twice (harmless, as
 * operations are idempotent, but slow, and confusing in the queue). A planned operation is
 * <b>already queued</b> when an unsettled operation of the same account makes the same change: same
 * kind, target, username, owner and payload (attributes, changes, entitlement); the reason may
 * differ. Each queued operation stands for at most one planned operation.
 *
 * @param remaining the plan's operations not already queued, in plan order
 * @param operations the earlier operations standing for the others, oldest first, in the state they
 *     were in when the plan was split
 */
public record AlreadyQueued(Plan remaining, List<StoredOperation> operations) {

  /** How many accounts' (or operations') queued operations are read with one query. */
  public static final int ACCOUNTS_PER_QUERY = 1000;

  public AlreadyQueued {
    operations = List.copyOf(operations);
  }

  /**
   * Splits the plan against the unsettled operations of its accounts, read with one query per
   * target and {@link #ACCOUNTS_PER_QUERY} accounts, and those open at the mark that succeeded
   * since (read by id, {@link #ACCOUNTS_PER_QUERY} at a time). Run it in the transaction that
   * stores {@code remaining}.
   */
  public static AlreadyQueued split(Plan plan, QueueMark mark, PlanRepository plans) {
    Map<TargetId, Set<String>> accounts = new TreeMap<>();
    for (Operation operation : plan.operations()) {
      accounts
          .computeIfAbsent(operation.target(), target -> new TreeSet<>())
          .add(operation.username());
    }
    Map<OperationId, StoredOperation> queued = new HashMap<>();
    accounts.forEach(
        (target, usernames) ->
            inBatches(
                List.copyOf(usernames),
                batch ->
                    plans
                        .queuedFor(target, batch)
                        .forEach(stored -> queued.put(stored.id(), stored))));
    // read after the open ones: an operation that settles in between is in one or both
    Set<OperationId> settledSinceMark = settledSince(mark, plans);
    if (!settledSinceMark.isEmpty()) {
      inBatches(
          List.copyOf(settledSinceMark),
          batch ->
              plans.operationsById(batch).stream()
                  .filter(stored -> stored.state() == OperationState.SUCCEEDED)
                  .filter(
                      stored ->
                          accounts
                              .getOrDefault(stored.operation().target(), Set.of())
                              .contains(stored.operation().username()))
                  .forEach(stored -> queued.put(stored.id(), stored)));
    }
    if (queued.isEmpty()) {
      return new AlreadyQueued(plan, List.of());
    }
    List<@Nullable StoredOperation> standing = standingFor(plan.operations(), queued.values());
    List<Operation> remaining = new ArrayList<>(plan.size());
    List<StoredOperation> earlier = new ArrayList<>();
    for (int at = 0; at < standing.size(); at++) {
      StoredOperation stored = standing.get(at);
      if (stored == null) {
        remaining.add(plan.operations().get(at));
      } else {
        earlier.add(stored);
      }
    }
    earlier.sort(Comparator.comparingLong(stored -> stored.id().value()));
    return new AlreadyQueued(new Plan(remaining), earlier);
  }

  /**
   * For each planned operation, in order, the queued operation that already makes its change, or
   * null: the oldest queued operation of the same change not standing for an earlier planned one.
   */
  public static List<@Nullable StoredOperation> standingFor(
      List<Operation> planned, Collection<StoredOperation> queued) {
    Map<Change, Deque<StoredOperation>> byChange = new HashMap<>();
    queued.stream()
        .sorted(Comparator.comparingLong(stored -> stored.id().value()))
        .forEach(
            stored ->
                byChange
                    .computeIfAbsent(Change.of(stored.operation()), change -> new ArrayDeque<>())
                    .add(stored));
    List<@Nullable StoredOperation> standing = new ArrayList<>(planned.size());
    for (Operation operation : planned) {
      Deque<StoredOperation> same = byChange.get(Change.of(operation));
      standing.add(same == null ? null : same.poll());
    }
    return standing;
  }

  /**
   * The ids of the operations open at the mark that succeeded since, read now (read it after the
   * open operations of the accounts planned: an operation that settles in between is in one or
   * both).
   */
  public static Set<OperationId> settledSince(QueueMark mark, PlanRepository plans) {
    Set<OperationId> settled = new HashSet<>(mark.open());
    if (!settled.isEmpty()) {
      settled.removeAll(mark.openNow(plans));
    }
    return settled;
  }

  private static <T> void inBatches(List<T> all, Consumer<List<T>> work) {
    for (int from = 0; from < all.size(); from += ACCOUNTS_PER_QUERY) {
      work.accept(all.subList(from, Math.min(all.size(), from + ACCOUNTS_PER_QUERY)));
    }
  }

  /** How many planned operations were already queued. */
  public int size() {
    return operations.size();
  }

  /** What an operation changes, without why. */
  private record Change(
      OperationKind kind,
      TargetId target,
      String username,
      @Nullable IdentityId owner,
      @Nullable Object payload) {

    static Change of(Operation operation) {
      Object payload = null;
      if (operation instanceof CreateAccount create) {
        payload = List.of(create.attributes(), create.enabled());
      } else if (operation instanceof UpdateAccount update) {
        payload = update.changes();
      } else if (operation instanceof AddEntitlement add) {
        payload = add.entitlement();
      } else if (operation instanceof RemoveEntitlement remove) {
        payload = remove.entitlement();
      }
      // enable, disable, delete: the kind, target, username and owner say everything
      return new Change(
          operation.kind(), operation.target(), operation.username(), operation.owner(), payload);
    }
  }
}
