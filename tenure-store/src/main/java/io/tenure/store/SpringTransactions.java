package io.tenure.store;

import io.tenure.engine.store.Transactions;
import java.util.function.Supplier;
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
