package io.tenure.engine.execution;

import io.tenure.connector.spi.BatchCall;
import io.tenure.connector.spi.BatchCapability;
import io.tenure.connector.spi.BatchResult;
import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.core.account.KnownAccount;
import io.tenure.core.account.TargetId;
import io.tenure.core.plan.AddEntitlement;
import io.tenure.engine.connector.ConnectorRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Batching for the queue workers: the claimed operations of a target whose connector has the {@link
 * BatchCapability} make their main connector calls together, at most {@link
 * BatchCapability#maxBatchSize()} per batch, and each operation is then recorded as a single run
 * would record it ({@link OperationRunner}): the same attempt, audit events, retry or park decision
 * and claim check, with the batch's result standing for its main call; the queue workers record a
 * batch's outcomes together, in one recording ({@link OperationRunner#recordAll}). Everything the
 * single run does after that call stays single: a create that finds the account already there links
 * it.
 *
 * <p>A claimed set has at most one operation per account (only an account's first unsettled
 * operation is claimable), so the calls of a batch never depend on each other. When the whole batch
 * fails, every operation of it fails with that error (retried later when it is retryable).
 */
final class OperationBatches {

  /** Records claimed operations: with their batch results, or run singly. */
  interface Recorder {
    /** Records one operation: with its batch result, or run singly when that is null. */
    void record(StoredOperation operation, @Nullable BatchAnswer answer);

    /**
     * Records the batch's batched operations (of distinct accounts), each with its answer (same
     * order). The default records them one by one, a part of at most {@link #RECORDING_SIZE} at a
     * time (a part whose known accounts cannot be read is run singly); the queue workers record
     * them in recordings of at most {@link #RECORDING_SIZE}, several at once.
     */
    default void recordAll(BatchAnswers answers) {
      List<StoredOperation> operations = answers.operations();
      for (int start = 0; start < operations.size(); start += RECORDING_SIZE) {
        int end = Math.min(operations.size(), start + RECORDING_SIZE);
        List<BatchAnswer> part;
        try {
          part = answers.part(start, end);
        } catch (RuntimeException e) {
          operations.subList(start, end).forEach(operation -> record(operation, null));
          continue;
        }
        for (int index = start; index < end; index++) {
          record(operations.get(index), part.get(index - start));
        }
      }
    }
  }

  /**
   * The most operations read (their known accounts) or recorded (one {@link Recorder#recordAll}) at
   * once: a batch of gathered grants holds up to {@link
   * BatchCapability#maxGrantsOfOneEntitlement()}, which may be far more.
   */
  static final int RECORDING_SIZE = 1000;

  private OperationBatches() {}

  /**
   * How many operations of the target one batch takes: its connector's {@link
   * BatchCapability#maxBatchSize()}, 1 when it has none (or cannot be created).
   */
  static int batchSize(ConnectorRegistry connectors, TargetId target) {
    try {
      return connectors.connector(target) instanceof BatchCapability batcher
          ? Math.max(1, batcher.maxBatchSize())
          : 1;
    } catch (RuntimeException e) {
      return 1;
    }
  }

  /**
   * How many grants of one entitlement one batch of the target may hold: its connector's {@link
   * BatchCapability#maxGrantsOfOneEntitlement()}, at least {@link #batchSize}; 1 when it has no
   * batches.
   */
  static int grantsOfOneEntitlement(ConnectorRegistry connectors, TargetId target) {
    try {
      return connectors.connector(target) instanceof BatchCapability batcher
          ? Math.max(Math.max(1, batcher.maxBatchSize()), batcher.maxGrantsOfOneEntitlement())
          : 1;
    } catch (RuntimeException e) {
      return 1;
    }
  }

  /** The operations in consecutive groups of at most {@code size}. */
  static List<List<StoredOperation>> groups(List<StoredOperation> operations, int size) {
    List<List<StoredOperation>> groups = new ArrayList<>();
    for (int start = 0; start < operations.size(); start += size) {
      groups.add(List.copyOf(operations.subList(start, Math.min(operations.size(), start + size))));
    }
    return groups;
  }

  /**
   * The operations in batches: when {@code grantsOfOneEntitlement} exceeds {@code size}, the grants
   * ({@link AddEntitlement}) of each entitlement that has more than one here form batches of their
   * own, of at most {@code grantsOfOneEntitlement}; everything else (and a lone grant) goes in
   * consecutive groups of at most {@code size}, as {@link #groups(List, int)}. Each batch keeps the
   * operations' order.
   */
  static List<List<StoredOperation>> groups(
      List<StoredOperation> operations, int size, int grantsOfOneEntitlement) {
    if (grantsOfOneEntitlement <= size) {
      return groups(operations, size);
    }
    Map<String, List<StoredOperation>> grants = grantsByEntitlement(operations);
    grants.values().removeIf(same -> same.size() < 2);
    Set<OperationId> grouped = new HashSet<>();
    grants.values().forEach(same -> same.forEach(operation -> grouped.add(operation.id())));
    List<StoredOperation> others =
        operations.stream().filter(operation -> !grouped.contains(operation.id())).toList();
    List<List<StoredOperation>> groups = new ArrayList<>();
    grants.values().forEach(same -> groups.addAll(groups(same, grantsOfOneEntitlement)));
    groups.addAll(groups(others, size));
    return groups;
  }

  /** The operations' grants ({@link AddEntitlement}) by entitlement, in order. */
  static Map<String, List<StoredOperation>> grantsByEntitlement(List<StoredOperation> operations) {
    Map<String, List<StoredOperation>> grants = new LinkedHashMap<>();
    for (StoredOperation operation : operations) {
      if (operation.operation() instanceof AddEntitlement add) {
        grants.computeIfAbsent(add.entitlement(), ignored -> new ArrayList<>()).add(operation);
      }
    }
    return grants;
  }

  /**
   * Sends the main calls of the operations (of one target, at most one per account) as one batch
   * and records every operation through the recorder, in order. An operation whose call cannot be
   * expressed as a batch call (its connector lacks the capability, or its account could not be
   * read) is recorded with a null answer, that is run singly; so is a lone batchable operation.
   */
  static void run(
      List<StoredOperation> operations,
      ConnectorRegistry connectors,
      OperationRunner runner,
      Recorder recorder) {
    Connector connector;
    try {
      connector = connectors.connector(operations.get(0).operation().target());
    } catch (RuntimeException e) {
      operations.forEach(operation -> recorder.record(operation, null));
      return;
    }
    if (!(connector instanceof BatchCapability batcher)) {
      operations.forEach(operation -> recorder.record(operation, null));
      return;
    }
    // a batch of more than one recording reads its known accounts a part at a time, here to make
    // the calls and again when each part is recorded (BatchAnswers), and holds none meanwhile
    boolean onePart = operations.size() <= RECORDING_SIZE;
    List<StoredOperation> batched = new ArrayList<>();
    List<BatchCall> calls = new ArrayList<>();
    List<StoredOperation> single = new ArrayList<>();
    Map<String, KnownAccount> kept = null;
    for (List<StoredOperation> part : groups(operations, RECORDING_SIZE)) {
      Map<String, KnownAccount> known;
      try {
        known = knownAccounts(runner, part);
      } catch (RuntimeException e) {
        operations.forEach(operation -> recorder.record(operation, null));
        return;
      }
      if (onePart) {
        kept = known;
      }
      for (StoredOperation operation : part) {
        Optional<KnownAccount> account =
            Optional.ofNullable(known.get(operation.operation().username()));
        Optional<BatchCall> call;
        try {
          call = BatchCalls.of(operation.operation(), account, connector);
        } catch (RuntimeException e) {
          call = Optional.empty();
        }
        if (call.isPresent()) {
          batched.add(operation);
          calls.add(call.get());
        } else {
          single.add(operation);
        }
      }
    }
    if (batched.size() == 1) {
      single.add(batched.remove(0));
      calls.clear();
    }
    List<BatchResult> results = calls.isEmpty() ? List.of() : execute(batcher, calls);
    calls.clear();
    recorder.recordAll(
        new BatchAnswers(batched, results, kept, part -> knownAccounts(runner, part)));
    single.forEach(operation -> recorder.record(operation, null));
  }

  /** The known accounts of the operations (of one target), by username, in one read. */
  private static Map<String, KnownAccount> knownAccounts(
      OperationRunner runner, List<StoredOperation> operations) {
    return runner.knownAccounts(
        operations.get(0).operation().target(),
        operations.stream().map(operation -> operation.operation().username()).toList());
  }

  /** The batch's results; the whole-batch failure as every call's result when it failed. */
  private static List<BatchResult> execute(BatchCapability batcher, List<BatchCall> calls) {
    ConnectorException failure;
    try {
      List<BatchResult> results = batcher.execute(List.copyOf(calls));
      if (results.size() == calls.size()) {
        return results;
      }
      failure =
          new ConnectorException(
              ErrorKind.OTHER,
              "the connector answered a batch of "
                  + calls.size()
                  + " calls with "
                  + results.size()
                  + " results");
    } catch (ConnectorException e) {
      failure = e;
    } catch (RuntimeException e) {
      failure =
          new ConnectorException(
              ErrorKind.OTHER,
              "unexpected " + e.getClass().getSimpleName() + " in a batch: " + e.getMessage(),
              e);
    }
    return Collections.nCopies(calls.size(), BatchResult.failed(failure));
  }
}
