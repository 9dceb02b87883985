package io.tenure.engine.execution;

import io.tenure.core.account.TargetId;
import io.tenure.core.plan.Operation;
import io.tenure.core.plan.Plan;
import io.tenure.core.plan.Planner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link PlanWriter} that holds the staged operations in memory and stores the sorted plan with
 * {@link PlanRepository#create}: for stores that keep plans in memory anyway.
 */
final class InMemoryPlanWriter implements PlanWriter {

  private final PlanRepository plans;
  private final TreeMap<Long, Operation> staged = new TreeMap<>();
  private long next;
  private int chunks;

  InMemoryPlanWriter(PlanRepository plans) {
    this.plans = plans;
  }

  @Override
  public void append(List<Operation> chunk) {
    if (!chunk.isEmpty()) {
      chunks++;
    }
    chunk.forEach(operation -> staged.put(next++, operation));
  }

  @Override
  public Map<Long, Operation> staged(TargetId target, Collection<String> usernames) {
    Set<String> names = Set.copyOf(usernames);
    Map<Long, Operation> found = new TreeMap<>();
    staged.forEach(
        (position, operation) -> {
          if (operation.target().equals(target) && names.contains(operation.username())) {
            found.put(position, operation);
          }
        });
    return found;
  }

  @Override
  public void remove(Collection<Long> positions) {
    positions.forEach(staged::remove);
  }

  @Override
  public long size() {
    return staged.size();
  }

  @Override
  public int finish(PlanId id, String actor, String trigger, Instant createdAt) {
    // stable: on a tie, the order of appending; one chunk is kept in the order given
    List<Operation> operations = new ArrayList<>(staged.values());
    if (chunks > 1) {
      operations.sort(Planner.ORDER);
    }
    staged.clear();
    return plans.create(id, new Plan(operations), actor, trigger, createdAt).plan().size();
  }
}
