package io.tenure.cli;

import java.util.Optional;

/**
 * Whether the embedded PostgreSQL of a Tenure home runs, as {@code tenure store status} shows it.
 *
 * @param postmaster the server's pid, when it runs
 * @param port its port on 127.0.0.1 (0 when it does not run)
 * @param keeper the pid of the keeper that holds it up between commands, when there is one (a
 *     server without a keeper belongs to a running command or {@code tenure serve})
 */
public record EmbeddedStoreState(Optional<Long> postmaster, int port, Optional<Long> keeper) {

  /** True when the server runs. */
  public boolean running() {
    return postmaster.isPresent();
  }
}
