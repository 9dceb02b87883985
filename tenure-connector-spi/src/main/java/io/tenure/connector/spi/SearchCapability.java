package io.tenure.connector.spi;

import java.util.Optional;
import java.util.stream.Stream;

/** The target can be read. */
public interface SearchCapability {

  /** The account with that name, with its entitlements, if it exists. */
  Optional<RemoteAccount> find(String name);

  /**
   * Every account under the connector's account base, streamed with paged reads: the caller must
   * close the stream. Memory use does not grow with the number of accounts.
   */
  Stream<RemoteAccount> accounts();
}
