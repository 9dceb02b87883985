package io.tenure.connector.spi;

import java.util.List;

/**
 * The target accepts several changes in one request (SCIM {@code /Bulk}, for example). Optional:
 * the engine uses it only to save round trips, and runs every change through the single-call
 * capabilities when a connector lacks it.
 *
 * <p>Contract of {@link #execute}:
 *
 * <ul>
 *   <li>The calls of one batch have no ordering dependency between them (the engine never puts two
 *       changes of one account in a batch); the connector may run them in any order or in parallel.
 *   <li>Partial failure is allowed: each result is independent, and a failing call does not stop
 *       the others.
 *   <li>It returns exactly one {@link BatchResult} per call, in the calls' order: what the single
 *       call would have returned (the created account for a {@link BatchCall.Create}), or the
 *       {@link ConnectorException} it would have thrown, classified the same way. Idempotency is
 *       the single call's: a revoke of an entitlement not held, or a delete of an absent account,
 *       succeeds.
 *   <li>It throws a {@link ConnectorException} only when the whole batch failed (the target was
 *       unreachable, or busy after the connector's retries): then no call of it is known to have
 *       taken effect.
 * </ul>
 */
public interface BatchCapability {

  /**
   * The most calls one {@link #execute} accepts; at least 1. It may change while the connector is
   * open (a SCIM provider that turns out not to support bulk gives 1); 1 means the engine sends
   * every change as a single call.
   */
  int maxBatchSize();

  /**
   * The most grants of one entitlement ({@link BatchCall.SetEntitlement} with {@code granted}, each
   * of a distinct account) one {@link #execute} accepts when they are all its calls; at least
   * {@link #maxBatchSize()} to mean anything. A target that does better with every grant of an
   * entitlement at once (a directory that creates a group with all its first members in one add,
   * rather than one add and many modifies) answers more than {@link #maxBatchSize()}: the engine
   * then gathers the ready grants of an entitlement it is about to send, up to this many, into one
   * batch. The default: {@link #maxBatchSize()}, no gathering.
   */
  default int maxGrantsOfOneEntitlement() {
    return maxBatchSize();
  }

  /**
   * Runs the calls (at most {@link #maxBatchSize()}) and returns one result per call, in order.
   *
   * @throws ConnectorException when the whole batch failed
   */
  List<BatchResult> execute(List<BatchCall> calls);
}
