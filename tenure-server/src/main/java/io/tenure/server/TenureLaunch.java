package io.tenure.server;

import io.tenure.engine.configuration.StoreSettings;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.configuration.TenureHome;
import java.time.Clock;

/**
 * Everything a Tenure application context is started with: the home (embedded store), the loaded
 * configuration (whose {@code store} chooses the embedded or an external PostgreSQL) and the clock
 * every service reads.
 */
public record TenureLaunch(TenureHome home, TenureConfiguration configuration, Clock clock) {

  /** The same launch on another store, for example an external PostgreSQL in a test. */
  public TenureLaunch withStore(StoreSettings store) {
    return new TenureLaunch(home, configuration.withStore(store), clock);
  }

  public TenureLaunch withClock(Clock newClock) {
    return new TenureLaunch(home, configuration, newClock);
  }
}
