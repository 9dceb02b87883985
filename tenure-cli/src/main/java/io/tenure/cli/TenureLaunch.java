package io.tenure.cli;

import io.tenure.engine.configuration.StoreSettings;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.configuration.TenureHome;
import java.time.Clock;

/**
 * Everything a Tenure application context is started with: the home (embedded store), the loaded
 * configuration (whose {@code store} chooses the embedded or an external PostgreSQL), the clock
 * every service reads, and whether an embedded store is emptied first (the demo's fresh start).
 */
public record TenureLaunch(
    TenureHome home, TenureConfiguration configuration, Clock clock, boolean emptyStore) {

  /** A launch that keeps what the store holds. */
  public TenureLaunch(TenureHome home, TenureConfiguration configuration, Clock clock) {
    this(home, configuration, clock, false);
  }

  /** The same launch on another store, for example an external PostgreSQL in a test. */
  public TenureLaunch withStore(StoreSettings store) {
    return new TenureLaunch(home, configuration.withStore(store), clock, emptyStore);
  }

  public TenureLaunch withClock(Clock newClock) {
    return new TenureLaunch(home, configuration, newClock, emptyStore);
  }

  /** The same launch with an embedded store emptied before it is used. */
  public TenureLaunch withEmptyStore() {
    return new TenureLaunch(home, configuration, clock, true);
  }
}
