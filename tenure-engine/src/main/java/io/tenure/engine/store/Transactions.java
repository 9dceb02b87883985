package io.tenure.engine.store;

import java.util.function.Supplier;

/**
 * Port: runs work in one store transaction, committed when it returns, rolled back when it throws.
 */
public interface Transactions {

  <T> T inTransaction(Supplier<T> work);

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
