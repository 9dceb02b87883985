package io.tenure.engine.reconciliation;

import io.tenure.core.account.TargetId;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Port: the findings of the latest reconciliation run of each target. Every method may be called
 * inside a {@link io.tenure.engine.store.Transactions} transaction.
 */
public interface FindingRepository {

  /** Forgets every finding of the target (a new run starts). */
  void clear(TargetId target);

  /** Forgets the target's findings of these usernames (an incremental run re-reads them). */
  void forget(TargetId target, Collection<String> usernames);

  /** Stores findings, replacing any with the same target and username. */
  void saveAll(Collection<Finding> findings);

  /** Sets the action of the target's findings named in the map (absent names are ignored). */
  void updateActions(TargetId target, Map<String, FindingAction> actionsByUsername);

  /**
   * The findings matching the query, ordered by target, then username; streamed, the caller closes
   * the stream.
   */
  Stream<Finding> stream(FindingQuery query);

  /** How many findings match the query. */
  long count(FindingQuery query);
}
