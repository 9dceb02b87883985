package io.tenure.connector.scim;

import java.time.Duration;

/** Waits; injected so that retry logic can be tested without sleeping. */
interface Sleeper {

  /** Sleeps with {@link Thread#sleep}. */
  Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
