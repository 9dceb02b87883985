package io.tenure.engine.testing;

import io.tenure.engine.store.Transactions;
import java.util.function.Supplier;

/**
 * Runs work directly (the in-memory stores need no transaction) and counts the transactions, so
 * tests can check how work is batched. Nested calls count once.
 */
public final class CountingTransactions implements Transactions {

  private int depth;
  private int count;

  @Override
  public synchronized <T> T inTransaction(Supplier<T> work) {
    if (depth == 0) {
      count++;
    }
    depth++;
    try {
      return work.get();
    } finally {
      depth--;
    }
  }

  /** Runs the work as a counted transaction: in-memory stores cannot roll back what it wrote. */
  @Override
  public <T> T inRolledBackTransaction(Supplier<T> work) {
    return inTransaction(work);
  }

  /** Whether a transaction is open (the caller runs inside one). */
  public synchronized boolean isOpen() {
    return depth > 0;
  }

  public synchronized int count() {
    return count;
  }
}
