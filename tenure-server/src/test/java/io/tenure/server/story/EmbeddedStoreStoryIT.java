package io.tenure.server.story;

import io.tenure.cli.TenureLaunch;
import java.util.function.UnaryOperator;

/** The story on the embedded PostgreSQL under a fresh Tenure home. */
class EmbeddedStoreStoryIT extends StoryContract {

  @Override
  protected UnaryOperator<TenureLaunch> store() {
    return UnaryOperator.identity();
  }
}
