package io.tenure.store;

import io.tenure.engine.store.Transactions;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link Transactions} over Spring's transaction template: nested calls join the outer one. */
final class SpringTransactions implements Transactions {

  private final TransactionTemplate template;

  SpringTransactions(TransactionTemplate template) {
    this.template = template;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return template.execute(status -> work.get());
  }

  /**
   * Registers {@code afterCommit} as the transaction's {@code afterCommit} callback, which Spring
   * runs before every {@code afterCompletion} callback (where the audit log chains its events).
   */
  @Override
  public <T> T inTransaction(Supplier<T> work, Runnable afterCommit) {
    AtomicBoolean registered = new AtomicBoolean();
    T result =
        template.execute(
            status -> {
              if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(
                    new TransactionSynchronization() {
                      @Override
                      public void afterCommit() {
                        afterCommit.run();
                      }
                    });
                registered.set(true);
              }
              return work.get();
            });
    if (!registered.get()) {
      afterCommit.run();
    }
    return result;
  }

  /** Runs the work in a transaction that is always rolled back, whatever the work does. */
  @Override
  public <T> T inRolledBackTransaction(Supplier<T> work) {
    return template.execute(
        status -> {
          status.setRollbackOnly();
          return work.get();
        });
  }
}
