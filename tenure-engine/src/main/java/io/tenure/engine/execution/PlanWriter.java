package io.tenure.engine.execution;

import io.tenure.core.account.TargetId;
import io.tenure.core.plan.Operation;
import io.tenure.core.plan.Planner;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Stores one plan whose operations come in chunks, as the planner makes them, without holding the
 * whole plan: the chunks are staged in the caller's transaction, and {@link #finish} stores the
 * plan with its operations in plan order ({@link Planner#ORDER}; on a tie, the order they were
 * appended in), exactly as {@link PlanRepository#create} would store the sorted plan; a plan given
 * in one chunk is stored in the order given. Nothing is visible outside the transaction until it
 * commits, and nothing is kept if it rolls back.
 *
 * <p>A store may queue an account's grants ({@link io.tenure.core.plan.AddEntitlement}, run one
 * after the other in the order of their ids: {@link OperationQueue}) in another order than the
 * plan's: the PostgreSQL store queues them the entitlement the plan grants most often first, so
 * that the grants of the largest group are ready together when the creates are done, and the
 * workers gather them into one batch. Everything else of an account keeps the plan order.
 *
 * <p>Each operation appended has a position: 0 for the first, counting up over all chunks. Use a
 * writer in one transaction, from one thread, for one plan.
 */
public interface PlanWriter {

  /**
   * Stages a chunk of the plan's operations.
   *
   * @param chunk operations sorted by {@link Planner#ORDER}; the operations of one account must all
   *     be in one chunk
   */
  void append(List<Operation> chunk);

  /** The staged operations (not removed) of these accounts of the target, by position. */
  Map<Long, Operation> staged(TargetId target, Collection<String> usernames);

  /** Takes these staged operations out of the plan. */
  void remove(Collection<Long> positions);

  /** How many operations are staged (appended and not removed). */
  long size();

  /**
   * Stores the plan and its staged operations (in state {@code PENDING}, sequence 0 up in plan
   * order); the writer is spent afterwards.
   *
   * @return how many operations were stored
   */
  int finish(PlanId id, String actor, String trigger, Instant createdAt);
}
