package io.tenure.engine.guard;

import io.tenure.core.account.TargetId;
import io.tenure.core.plan.Operation;
import io.tenure.core.plan.Planner;
import io.tenure.engine.execution.AlreadyQueued;
import io.tenure.engine.execution.OperationId;
import io.tenure.engine.execution.OperationState;
import io.tenure.engine.execution.PlanRepository;
import io.tenure.engine.execution.PlanWriter;
import io.tenure.engine.execution.QueueMark;
import io.tenure.engine.execution.StoredOperation;
import java.util.ArrayList;
import java.util.Comparator;
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
 * One plan on its way into the store, chunk by chunk, in the caller's transaction: each chunk is
 * split against the queue ({@link AlreadyQueued}), what is not queued yet is staged ({@link
 * PlanWriter}), and the mass-change brake's running totals (the accounts each target's operations
 * disable or delete) are kept. Holds the totals and the already-queued operations, not the plan.
 * {@link GuardedExecution#store(Consumer, QueueMark, String, String)} judges and stores it.
 */
final class PlanStream implements Consumer<List<Operation>> {

  private final PlanRepository plans;
  private final PlanWriter writer;
  private final Map<TargetId, Set<String>> deprovisioned = new TreeMap<>();
  private final Map<OperationId, StoredOperation> standing = new HashMap<>();
  private long planned;

  PlanStream(PlanRepository plans) {
    this.plans = plans;
    this.writer = plans.writer();
  }

  /**
   * Splits a chunk against the open operations of its accounts, stages the rest and counts it.
   *
   * @param chunk operations sorted by {@link Planner#ORDER}, every operation of an account in it
   */
  @Override
  public void accept(List<Operation> chunk) {
    if (chunk.isEmpty()) {
      return;
    }
    planned += chunk.size();
    List<StoredOperation> queued = new ArrayList<>();
    accountsOf(chunk)
        .forEach(
            (target, usernames) ->
                inBatches(
                    List.copyOf(usernames),
                    batch ->
                        plans.queuedFor(target, batch).stream()
                            .filter(stored -> !standing.containsKey(stored.id()))
                            .forEach(queued::add)));
    List<Operation> remaining = chunk;
    if (!queued.isEmpty()) {
      List<@Nullable StoredOperation> found = AlreadyQueued.standingFor(chunk, queued);
      remaining = new ArrayList<>(chunk.size());
      for (int at = 0; at < chunk.size(); at++) {
        StoredOperation stored = found.get(at);
        if (stored == null) {
          remaining.add(chunk.get(at));
        } else {
          standing.put(stored.id(), stored);
        }
      }
    }
    writer.append(remaining);
    for (Operation operation : remaining) {
      if (operation.kind().deprovisions()) {
        deprovisioned
            .computeIfAbsent(operation.target(), target -> new HashSet<>())
            .add(operation.username());
      }
    }
  }

  /**
   * Ends the stream: the operations open at the mark that succeeded since stand for the staged
   * operations they make (read after every chunk's open operations: an operation that settled in
   * between is in one or both), and those are taken out of the plan.
   */
  void settle(QueueMark mark) {
    Set<OperationId> settled = AlreadyQueued.settledSince(mark, plans);
    settled.removeAll(standing.keySet());
    if (settled.isEmpty()) {
      return;
    }
    List<StoredOperation> succeeded = new ArrayList<>();
    inBatches(
        List.copyOf(settled),
        batch ->
            plans.operationsById(batch).stream()
                .filter(stored -> stored.state() == OperationState.SUCCEEDED)
                .forEach(succeeded::add));
    Map<TargetId, Set<String>> accounts = new TreeMap<>();
    succeeded.forEach(
        stored ->
            accounts
                .computeIfAbsent(stored.operation().target(), target -> new TreeSet<>())
                .add(stored.operation().username()));
    accounts.forEach(
        (target, usernames) ->
            inBatches(
                List.copyOf(usernames), batch -> takeOut(writer.staged(target, batch), succeeded)));
  }

  private void takeOut(Map<Long, Operation> staged, List<StoredOperation> succeeded) {
    List<Long> positions = new ArrayList<>(staged.keySet());
    List<Operation> operations = new ArrayList<>(staged.values());
    List<@Nullable StoredOperation> found =
        AlreadyQueued.standingFor(
            operations,
            succeeded.stream().filter(stored -> !standing.containsKey(stored.id())).toList());
    List<Long> removed = new ArrayList<>();
    Map<TargetId, Set<String>> stillDeprovisioned = new HashMap<>();
    for (int at = 0; at < operations.size(); at++) {
      StoredOperation stored = found.get(at);
      Operation operation = operations.get(at);
      if (stored != null) {
        standing.put(stored.id(), stored);
        removed.add(positions.get(at));
      } else if (operation.kind().deprovisions()) {
        stillDeprovisioned
            .computeIfAbsent(operation.target(), target -> new HashSet<>())
            .add(operation.username());
      }
    }
    writer.remove(removed);
    // an account no staged operation deprovisions any more is no longer counted by the brake
    for (int at = 0; at < operations.size(); at++) {
      Operation operation = operations.get(at);
      if (found.get(at) != null && operation.kind().deprovisions()) {
        Set<String> still = stillDeprovisioned.getOrDefault(operation.target(), Set.of());
        if (!still.contains(operation.username())) {
          Set<String> counted = deprovisioned.get(operation.target());
          if (counted != null) {
            counted.remove(operation.username());
          }
        }
      }
    }
  }

  /** How many operations were planned (already queued or not). */
  long planned() {
    return planned;
  }

  /** The accounts each target's staged operations disable or delete. */
  Map<TargetId, Set<String>> deprovisioned() {
    return deprovisioned;
  }

  /** The earlier plans' operations standing for planned ones, oldest first. */
  List<StoredOperation> alreadyQueued() {
    List<StoredOperation> earlier = new ArrayList<>(standing.values());
    earlier.sort(Comparator.comparingLong(stored -> stored.id().value()));
    return earlier;
  }

  PlanWriter writer() {
    return writer;
  }

  private static Map<TargetId, Set<String>> accountsOf(List<Operation> operations) {
    Map<TargetId, Set<String>> accounts = new TreeMap<>();
    for (Operation operation : operations) {
      accounts
          .computeIfAbsent(operation.target(), target -> new TreeSet<>())
          .add(operation.username());
    }
    return accounts;
  }

  static <T> void inBatches(List<T> all, Consumer<List<T>> work) {
    for (int from = 0; from < all.size(); from += AlreadyQueued.ACCOUNTS_PER_QUERY) {
      work.accept(all.subList(from, Math.min(all.size(), from + AlreadyQueued.ACCOUNTS_PER_QUERY)));
    }
  }
}
