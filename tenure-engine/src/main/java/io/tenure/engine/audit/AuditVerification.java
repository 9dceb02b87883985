package io.tenure.engine.audit;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What checking the audit trail found.
 *
 * @param records how many records the chain holds
 * @param firstBroken the sequence of the first record whose link or keyed hash does not hold, or -1
 * @param checkpoint the sequence of the newest checkpoint kept outside the store that the chain was
 *     checked against, or null when there is none yet
 * @param problems each problem in one sentence: a broken record, a chain shorter than its
 *     checkpoint (newest records deleted), a record that differs from its checkpoint, a checkpoint
 *     whose signature does not hold; empty when the trail is intact
 */
public record AuditVerification(
    long records, long firstBroken, @Nullable Long checkpoint, List<String> problems) {

  public AuditVerification {
    problems = List.copyOf(problems);
  }

  /** Whether nothing was found wrong. */
  public boolean intact() {
    return problems.isEmpty() && firstBroken < 0;
  }
}
