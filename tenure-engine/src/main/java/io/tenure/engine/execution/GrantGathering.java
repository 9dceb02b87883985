package io.tenure.engine.execution;

import io.tenure.core.account.TargetId;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One worker's gathering of grants: for each entitlement that a round's new claims grant more than
 * once, the target's other ready grants of it are claimed too ({@link OperationQueue#claimGrants}),
 * so that they reach the connector in one batch ({@link OperationBatches#groups(List, int, int)}):
 * a directory then creates a new group with all its first members in one add.
 */
final class GrantGathering {

  private static final System.Logger LOG = System.getLogger(GrantGathering.class.getName());

  private final OperationQueue queue;
  private final String worker;
  private final Duration lease;
  private final Map<OperationId, StoredOperation> claims;

  /**
   * @param claims the worker's claims in hand, by id: a gathered operation is added to it, and one
   *     already there is not taken twice
   */
  GrantGathering(
      OperationQueue queue,
      String worker,
      Duration lease,
      Map<OperationId, StoredOperation> claims) {
    this.queue = queue;
    this.worker = worker;
    this.lease = lease;
    this.claims = claims;
  }

  /**
   * Claims, for each entitlement that {@code fresh} (this round's new claims, oldest first) grants
   * more than once, the target's other ready grants of it, up to {@code perEntitlement} in all, and
   * adds them to {@code fresh} (kept oldest first). A failed gathering claims nothing more; the
   * round goes on with what it has.
   */
  void gather(TargetId target, List<StoredOperation> fresh, int perEntitlement, Instant now) {
    boolean gathered = false;
    for (Map.Entry<String, List<StoredOperation>> grants :
        OperationBatches.grantsByEntitlement(fresh).entrySet()) {
      int have = grants.getValue().size();
      if (have < 2 || have >= perEntitlement) {
        continue;
      }
      List<StoredOperation> more;
      try {
        more =
            queue.claimGrants(
                target, grants.getKey(), perEntitlement - have, worker, now, now.plus(lease));
      } catch (RuntimeException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "could not gather the grants of " + grants.getKey() + " on " + target,
            e);
        continue;
      }
      for (StoredOperation operation : more) {
        if (claims.putIfAbsent(operation.id(), operation) == null) {
          fresh.add(operation);
          gathered = true;
        }
      }
    }
    if (gathered) {
      fresh.sort(Comparator.comparingLong(operation -> operation.id().value()));
    }
  }
}
