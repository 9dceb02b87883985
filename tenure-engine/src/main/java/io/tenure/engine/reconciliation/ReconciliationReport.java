package io.tenure.engine.reconciliation;

import io.tenure.core.account.TargetId;
import io.tenure.engine.execution.ExecutionSummary;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one reconciliation run did.
 *
 * @param target the target
 * @param mode report only, or the target's policy
 * @param startedAt when it started (the findings' {@code foundAt})
 * @param finishedAt when it finished
 * @param accountsRead accounts read from the target
 * @param identitiesChecked identities looked at for missing accounts
 * @param counts findings per situation (compliant accounts included), situations with none omitted
 * @param linked accounts linked to their identity in the store
 * @param forgotten known accounts forgotten because the target no longer has them
 * @param plannedOperations operations planned to fix findings
 * @param execution what executing them did, null when nothing was planned
 * @param largestChunk the most target accounts held in memory at once
 * @param seenNamesBytes the memory taken by the set of account names read
 */
public record ReconciliationReport(
    TargetId target,
    ReconcileMode mode,
    Instant startedAt,
    Instant finishedAt,
    long accountsRead,
    long identitiesChecked,
    Map<Situation, Long> counts,
    long linked,
    long forgotten,
    int plannedOperations,
    @Nullable ExecutionSummary execution,
    int largestChunk,
    long seenNamesBytes) {

  public ReconciliationReport {
    Map<Situation, Long> copy = new EnumMap<>(Situation.class);
    copy.putAll(counts);
    counts = Collections.unmodifiableMap(copy);
  }

  /** How many findings of that situation the run made. */
  public long count(Situation situation) {
    return counts.getOrDefault(situation, 0L);
  }

  public Optional<ExecutionSummary> executionSummary() {
    return Optional.ofNullable(execution);
  }

  /** Accounts read per second of the whole run. */
  public double accountsPerSecond() {
    double seconds = Math.max(1, finishedAt.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0;
    return accountsRead / seconds;
  }
}
