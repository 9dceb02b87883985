package io.tenure.engine.provisioning;

import io.tenure.core.identity.IdentityId;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Port: the identities an import changed in a chunk it committed on its own and that no stored plan
 * has covered yet. A large source file is imported in chunks that each commit (so that a stopped
 * import keeps what it finished); the plan follows in a later transaction. Until that transaction
 * commits, the changed identities wait here, so that the next import, whichever its scope, plans
 * for them too: a stop between the chunks and the plan loses no planning.
 */
public interface PlanningBacklog {

  /** Adds identities, in the caller's transaction (one already waiting stays once). */
  void add(Collection<IdentityId> identities);

  /**
   * Removes and returns every waiting identity, in the caller's transaction: if that transaction
   * rolls back, they wait on. Called by the transaction that stores the plan covering them.
   */
  Set<IdentityId> take();

  /**
   * Removes every waiting identity without reading them, in the caller's transaction: the caller
   * stores a plan for everybody.
   */
  void clear();

  /**
   * Kept in memory, for tests and tools: not transactional (what {@link #take} removed stays
   * removed if the caller's transaction rolls back).
   */
  static PlanningBacklog inMemory() {
    Set<IdentityId> waiting = new TreeSet<>();
    return new PlanningBacklog() {
      @Override
      public synchronized void add(Collection<IdentityId> identities) {
        waiting.addAll(identities);
      }

      @Override
      public synchronized Set<IdentityId> take() {
        Set<IdentityId> taken = Set.copyOf(waiting);
        waiting.clear();
        return taken;
      }

      @Override
      public synchronized void clear() {
        waiting.clear();
      }
    };
  }
}
