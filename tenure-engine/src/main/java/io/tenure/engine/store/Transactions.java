package io.tenure.engine.store;

import java.util.function.Supplier;

/**
 * Port: runs work in one store transaction, committed when it returns, rolled back when it throws.
 */
public interface Transactions {

  <T> T inTransaction(Supplier<T> work);

  /**
   * Like {@link #inTransaction(Supplier)}, and runs {@code afterCommit} once the transaction has
   * committed (not when it rolls back), before anything else the store does after that commit (such
   * as chaining the audit events it appended). Joining an enclosing transaction, it runs after that
   * one commits. The default runs it when the work's transaction has returned.
   */
  default <T> T inTransaction(Supplier<T> work, Runnable afterCommit) {
    T result = inTransaction(work);
    afterCommit.run();
    return result;
  }

  /**
   * Runs work in one store transaction that is always rolled back, so that what it wrote is seen
   * inside it and kept nowhere (a dry run).
   */
  <T> T inRolledBackTransaction(Supplier<T> work);

  default void run(Runnable work) {
    inTransaction(
        () -> {
          work.run();
          return null;
        });
  }
}
