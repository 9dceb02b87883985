package io.tenure.connector.spi;

import java.time.Instant;
import java.util.stream.Stream;

/**
 * Optional: the target can tell which accounts changed since a moment, so reconciliation can read
 * only those (an LDAP directory by {@code modifyTimestamp}). A connector implements it only when
 * the answer is reliable: every account created or modified at or after {@code since} must be in
 * the stream (extra unchanged accounts are allowed). Accounts deleted since are not reported; a
 * full {@link SearchCapability#accounts()} read finds them.
 */
public interface IncrementalSearchCapability extends SearchCapability {

  /**
   * The accounts under the connector's account base created or modified at or after {@code since}
   * (by the target's own clock), streamed with paged reads like {@link #accounts()}: the caller
   * must close the stream.
   */
  Stream<RemoteAccount> changedSince(Instant since);
}
