package io.tenure.engine.execution;

import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.SearchCapability;
import io.tenure.connector.spi.TestCapability;
import java.util.Optional;

/**
 * Asks a target whether it answers: its connector's {@link TestCapability#test()} when it has one,
 * else a {@link SearchCapability#find} of one account by a name nobody is given ({@value
 * #PROBE_NAME}), a single cheap read. Only a connection failure ({@link TargetBreakers#isOutage})
 * means the target is out; any other answer, errors included, means it answers (what it answered is
 * for the operations to report).
 */
final class TargetProbe {

  /** The account name a probe by search looks for. */
  static final String PROBE_NAME = "tenure-outage-probe";

  private TargetProbe() {}

  /** Whether the connector can be probed at all; a target whose connector cannot has no breaker. */
  static boolean possible(Connector connector) {
    return connector instanceof TestCapability || connector instanceof SearchCapability;
  }

  /** Empty when the target answers; the connection failure when it is still out. */
  static Optional<ConnectorException> outage(Connector connector) {
    try {
      if (connector instanceof TestCapability tester) {
        tester.test();
      } else if (connector instanceof SearchCapability searcher) {
        searcher.find(PROBE_NAME);
      }
      return Optional.empty();
    } catch (ConnectorException e) {
      return TargetBreakers.isOutage(e.kind()) ? Optional.of(e) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
