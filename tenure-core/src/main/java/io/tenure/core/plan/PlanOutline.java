package io.tenure.core.plan;

import io.tenure.core.account.TargetId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a plan holds, without holding all of it: its size, its operations counted per kind and per
 * target, and its first operations in plan order ({@link Planner#ORDER}). A plan too large to keep
 * in memory is described by its outline while its operations stream into the store.
 *
 * @param size how many operations the plan has
 * @param countByKind how many operations of each kind, in kind order, kinds with none omitted
 * @param countByTarget how many operations on each target, in target order
 * @param first the plan's first operations in plan order: all of them when {@link #complete()}
 */
public record PlanOutline(
    int size,
    Map<OperationKind, Integer> countByKind,
    Map<TargetId, Integer> countByTarget,
    List<Operation> first) {

  /** How many operations an outline keeps unless told otherwise. */
  public static final int DEFAULT_LIMIT = 1000;

  public PlanOutline {
    countByKind =
        Collections.unmodifiableMap(
            countByKind.isEmpty()
                ? new EnumMap<>(OperationKind.class)
                : new EnumMap<>(countByKind));
    countByTarget = Collections.unmodifiableMap(new TreeMap<>(countByTarget));
    first = List.copyOf(first);
    if (first.size() > size) {
      throw new IllegalArgumentException("an outline cannot show more operations than it has");
    }
  }

  /** The outline of a plan held in memory, keeping at most {@code limit} operations. */
  public static PlanOutline of(Plan plan, int limit) {
    Builder builder = new Builder(limit);
    builder.add(plan.operations());
    return builder.build();
  }

  /** True if the outline shows every operation of the plan. */
  public boolean complete() {
    return first.size() == size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /**
   * Builds an outline from a plan's operations given in chunks, in any chunk order: each chunk
   * sorted by {@link Planner#ORDER} or not. Holds at most {@code limit} operations at any time.
   */
  public static final class Builder {

    private final int limit;
    private final Map<OperationKind, Integer> byKind = new EnumMap<>(OperationKind.class);
    private final Map<TargetId, Integer> byTarget = new TreeMap<>();
    private List<Operation> first = new ArrayList<>();
    private int size;

    public Builder(int limit) {
      if (limit < 0) {
        throw new IllegalArgumentException("limit must not be negative");
      }
      this.limit = limit;
    }

    /** Counts a chunk of the plan's operations and keeps the first {@code limit} seen so far. */
    public Builder add(List<Operation> chunk) {
      for (Operation operation : chunk) {
        byKind.merge(operation.kind(), 1, Integer::sum);
        byTarget.merge(operation.target(), 1, Integer::sum);
      }
      size += chunk.size();
      if (limit > 0 && !chunk.isEmpty()) {
        List<Operation> sorted = new ArrayList<>(chunk);
        sorted.sort(Planner.ORDER);
        first = merge(first, sorted, limit);
      }
      return this;
    }

    public PlanOutline build() {
      return new PlanOutline(size, byKind, byTarget, first);
    }

    /**
     * The first {@code limit} of two sorted lists merged; on a tie the earlier list's operation
     * comes first, as a stable sort of the chunks in the order they came would have it.
     */
    private static List<Operation> merge(List<Operation> left, List<Operation> right, int limit) {
      List<Operation> merged = new ArrayList<>(Math.min(limit, left.size() + right.size()));
      int l = 0;
      int r = 0;
      while (merged.size() < limit && (l < left.size() || r < right.size())) {
        if (r == right.size()
            || (l < left.size() && Planner.ORDER.compare(left.get(l), right.get(r)) <= 0)) {
          merged.add(left.get(l++));
        } else {
          merged.add(right.get(r++));
        }
      }
      return merged;
    }
  }
}
