package io.tenure.store;

import io.tenure.core.plan.AddEntitlement;
import io.tenure.core.plan.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which a plan's operations enter the queue (their ids, which order each account's
 * operations: {@link io.tenure.engine.execution.OperationQueue}): the plan order, except that the
 * grants of one account go the entitlement the plan grants most often (on its target) first, ties
 * in plan order.
 *
 * <p>An account's grants run one after the other, each when the one before it is done, and the
 * queue workers gather the ready grants of one entitlement into one batch (a directory creates a
 * new group with all of them in one add). In plan order (by entitlement name) the first grant of
 * most accounts is that of some small group (a department), and the group of everybody ("staff")
 * comes second for most of them: only the accounts whose other groups sort after it had it ready
 * when the creates were done, so it was created with a tenth of its members and the others were
 * added by modifies, each of which a directory compares with every member already there. With the
 * largest group first, all its grants are ready together once the creates are done, then those of
 * the next groups, each again together. Which grant of an account runs first changes nothing else:
 * the grants of one account are independent of each other, and everything of the account before and
 * after them (its create, a later revoke, disable or delete) keeps its place.
 */
final class QueueOrder {

  private QueueOrder() {}

  /**
   * The positions of the operations (given in plan order, so that the operations of one account of
   * one kind are together) in queue order.
   */
  static List<Integer> of(List<Operation> planOrder) {
    Map<List<String>, Integer> grants = new HashMap<>();
    for (Operation operation : planOrder) {
      if (operation instanceof AddEntitlement add) {
        grants.merge(key(add), 1, Integer::sum);
      }
    }
    List<Integer> positions = new ArrayList<>(planOrder.size());
    for (int at = 0; at < planOrder.size(); at++) {
      positions.add(at);
    }
    if (grants.size() < 2) {
      return positions;
    }
    Comparator<Integer> order =
        Comparator.<Integer, Integer>comparing(at -> planOrder.get(at).kind().ordinal())
            .thenComparing(at -> planOrder.get(at).target().value())
            .thenComparing(at -> planOrder.get(at).username())
            .thenComparing(
                at -> planOrder.get(at) instanceof AddEntitlement add ? -grants.get(key(add)) : 0)
            .thenComparing(at -> at);
    positions.sort(order);
    return positions;
  }

  private static List<String> key(AddEntitlement add) {
    return List.of(add.target().value(), add.entitlement());
  }
}
