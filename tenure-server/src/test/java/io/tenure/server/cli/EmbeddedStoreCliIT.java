package io.tenure.server.cli;

import io.tenure.server.TenureLaunch;
import java.util.function.UnaryOperator;

/** The CLI on the embedded PostgreSQL under the test's Tenure home. */
class EmbeddedStoreCliIT extends CliContract {

  @Override
  protected UnaryOperator<TenureLaunch> store() {
    return UnaryOperator.identity();
  }
}
