package io.tenure.engine.store;

import java.util.function.Supplier;

/**
 * Port: runs work in one store transaction, committed when it returns, rolled back when it throws.
 */
public interface Transactions {

  <T> T inTransaction(Supplier<T> work);

  default void run(Runnable work) {
    inTransaction(
        () -> {
          work.run();
          return null;
        });
  }
}
