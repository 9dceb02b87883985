package io.tenure.core.plan;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** An immutable, ordered list of operations. The order is the order of execution per account. */
public record Plan(List<Operation> operations) {

  public Plan {
    operations = List.copyOf(operations);
  }

  public static Plan empty() {
    return new Plan(List.of());
  }

  public boolean isEmpty() {
    return operations.isEmpty();
  }

  public int size() {
    return operations.size();
  }

  /** How many operations of each kind, in kind order, kinds with none omitted. */
  public Map<OperationKind, Integer> countByKind() {
    Map<OperationKind, Integer> counts = new EnumMap<>(OperationKind.class);
    for (Operation operation : operations) {
      counts.merge(operation.kind(), 1, Integer::sum);
    }
    return counts;
  }
}
