package io.tenure.engine.planning;

import io.tenure.connector.spi.RemoteAccount;
import io.tenure.connector.spi.SearchCapability;
import io.tenure.core.account.TargetId;
import io.tenure.engine.connector.ConnectorRegistry;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Port: which account names are already used on a target, by anyone, whether Tenure manages the
 * account or not. Asked before a new username is given, so that a new person never gets the name of
 * an account that exists on the target but that Tenure has never seen.
 */
@FunctionalInterface
public interface TargetNames {

  /**
   * Of these names, those an account on the target uses.
   *
   * @throws io.tenure.connector.spi.ConnectorException when the target cannot be asked
   */
  Set<String> inUse(TargetId target, Collection<String> names);

  /**
   * The account of that name on the target with its attributes, if it exists and the connector can
   * read it; consulted for a name {@link #inUse} reports, to see whether the account is the
   * person's own (see {@link io.tenure.engine.account.Ownership#evidence}).
   *
   * @throws io.tenure.connector.spi.ConnectorException when the target cannot be asked
   */
  default Optional<RemoteAccount> account(TargetId target, String name) {
    return Optional.empty();
  }

  /** Knows of no name on any target: usernames are checked against Tenure's store only. */
  static TargetNames none() {
    return (target, names) -> Set.of();
  }

  /**
   * Asks each target's connector ({@link SearchCapability#namesInUse}); a target whose connector
   * cannot search knows of no name.
   */
  static TargetNames of(ConnectorRegistry connectors) {
    return new TargetNames() {
      @Override
      public Set<String> inUse(TargetId target, Collection<String> names) {
        if (names.isEmpty()) {
          return Set.of();
        }
        return connectors.connector(target) instanceof SearchCapability search
            ? Set.copyOf(search.namesInUse(names))
            : Set.of();
      }

      @Override
      public Optional<RemoteAccount> account(TargetId target, String name) {
        return connectors.connector(target) instanceof SearchCapability search
            ? search.find(name)
            : Optional.empty();
      }
    };
  }
}
