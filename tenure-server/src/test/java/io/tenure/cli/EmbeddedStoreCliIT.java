package io.tenure.cli;

import java.util.function.UnaryOperator;

/** The CLI on the embedded PostgreSQL under the test's Tenure home. */
class EmbeddedStoreCliIT extends CliContract {

  @Override
  protected UnaryOperator<TenureLaunch> store() {
    return UnaryOperator.identity();
  }
}
