package io.tenure.engine.testing;

import io.tenure.core.account.TargetId;
import io.tenure.engine.reconciliation.Finding;
import io.tenure.engine.reconciliation.FindingAction;
import io.tenure.engine.reconciliation.FindingQuery;
import io.tenure.engine.reconciliation.FindingRepository;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Findings in a sorted map keyed by target and username, for fast tests. */
public final class InMemoryFindingRepository implements FindingRepository {

  private final Map<String, Finding> findings = new TreeMap<>();

  private static String key(TargetId target, String username) {
    return target.value() + "\u0000" + username;
  }

  @Override
  public synchronized void clear(TargetId target) {
    findings.values().removeIf(finding -> finding.target().equals(target));
  }

  @Override
  public synchronized void forget(TargetId target, Collection<String> usernames) {
    usernames.forEach(username -> findings.remove(key(target, username)));
  }

  @Override
  public synchronized void saveAll(Collection<Finding> found) {
    found.forEach(finding -> findings.put(key(finding.target(), finding.username()), finding));
  }

  @Override
  public synchronized void updateActions(TargetId target, Map<String, FindingAction> actions) {
    actions.forEach(
        (username, action) ->
            findings.computeIfPresent(
                key(target, username), (key, finding) -> finding.withAction(action)));
  }

  @Override
  public synchronized Stream<Finding> stream(FindingQuery query) {
    return findings.values().stream().filter(query::matches).toList().stream();
  }

  @Override
  public synchronized long count(FindingQuery query) {
    return findings.values().stream().filter(query::matches).count();
  }

  /** Every finding, sorted by target and username. */
  public synchronized List<Finding> all() {
    return List.copyOf(findings.values());
  }
}
