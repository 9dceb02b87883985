package io.tenure.cli;

import java.util.function.UnaryOperator;

/** Reconciliation stories on the embedded PostgreSQL under a fresh Tenure home. */
class EmbeddedStoreReconciliationIT extends ReconciliationStoryContract {

  @Override
  protected UnaryOperator<TenureLaunch> store() {
    return UnaryOperator.identity();
  }
}
