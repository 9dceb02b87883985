package io.tenure.engine.ingest;

import io.tenure.core.identity.IdentityId;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Port: the people whose manager id names nobody, and the warnings kept about people so that {@code
 * person show} can show them later.
 */
public interface ManagerReferences {

  /**
   * A person whose manager id names nobody.
   *
   * @param identity the person
   * @param managerId the manager id that names nobody
   * @param location where the source last reported the person ({@code people.csv:17}), or empty
   */
  record UnknownManager(IdentityId identity, String managerId, String location) {}

  /**
   * Of these identities, those whose {@code managerAttribute} holds a value that no identity has as
   * its {@code keyAttribute}, with where {@code source} last reported them.
   */
  List<UnknownManager> unknownManagers(
      String source, String managerAttribute, String keyAttribute, Collection<IdentityId> among);

  /**
   * Replaces the warnings {@code source} gave about each of {@code among} by those in {@code
   * warnings} (someone without any has none left), in the import's transaction.
   */
  void replaceWarnings(
      String source, Collection<IdentityId> among, Map<IdentityId, List<String>> warnings);

  /** The warnings kept about the identity, every source's, oldest first. */
  List<String> warningsOf(IdentityId identity);

  /** Knows of no manager and keeps no warning. */
  static ManagerReferences none() {
    return new ManagerReferences() {
      @Override
      public List<UnknownManager> unknownManagers(
          String source,
          String managerAttribute,
          String keyAttribute,
          Collection<IdentityId> among) {
        return List.of();
      }

      @Override
      public void replaceWarnings(
          String source, Collection<IdentityId> among, Map<IdentityId, List<String>> warnings) {}

      @Override
      public List<String> warningsOf(IdentityId identity) {
        return List.of();
      }
    };
  }
}
