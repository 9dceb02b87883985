package io.tenure.engine.execution;

import io.tenure.connector.spi.BatchResult;
import io.tenure.core.account.KnownAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The answers a batch gives its batched operations ({@link BatchAnswer}: each one's call result and
 * its account as Tenure knew it), handed out one part at a time.
 *
 * <p>A batch of one recording ({@link OperationBatches#RECORDING_SIZE} operations or fewer) keeps
 * the known accounts it read to make its calls. A larger one (gathered grants: up to 100,000 of one
 * group) does not hold them for the whole batch: each part's accounts are read again when that part
 * is recorded, so that the batch's heap is its calls and results, not a known account (about 1.5
 * KB) for every operation while the directory works and the parts are recorded. The accounts read
 * then are the ones the calls were made with: the batch holds the claims of these operations, and
 * only the recording of an operation of an account changes what Tenure knows of it.
 */
final class BatchAnswers {

  private final List<StoredOperation> operations;
  private final List<BatchResult> results;
  private final @Nullable Map<String, KnownAccount> known;
  private final Function<List<StoredOperation>, Map<String, KnownAccount>> reader;

  /**
   * @param operations the batched operations, in the batch's order
   * @param results their results, in the same order
   * @param known the accounts read to make the calls, by username, kept when the batch is one
   *     recording; null to read each part's when it is asked for
   * @param reader reads the known accounts of some of the operations, by username
   */
  BatchAnswers(
      List<StoredOperation> operations,
      List<BatchResult> results,
      @Nullable Map<String, KnownAccount> known,
      Function<List<StoredOperation>, Map<String, KnownAccount>> reader) {
    if (operations.size() != results.size()) {
      throw new IllegalArgumentException(
          operations.size() + " operations but " + results.size() + " results");
    }
    this.operations = List.copyOf(operations);
    this.results = List.copyOf(results);
    this.known = known;
    this.reader = reader;
  }

  /** The batched operations, in the batch's order. */
  List<StoredOperation> operations() {
    return operations;
  }

  /**
   * The answers of the operations from {@code from} (inclusive) to {@code to} (exclusive), in
   * order; their known accounts read now unless the batch kept them.
   *
   * @throws RuntimeException when the known accounts cannot be read (the store failed)
   */
  List<BatchAnswer> part(int from, int to) {
    List<StoredOperation> part = operations.subList(from, to);
    if (part.isEmpty()) {
      return List.of();
    }
    Map<String, KnownAccount> accounts = known != null ? known : reader.apply(part);
    List<BatchAnswer> answers = new ArrayList<>(part.size());
    for (int index = from; index < to; index++) {
      answers.add(
          new BatchAnswer(
              results.get(index),
              Optional.ofNullable(accounts.get(operations.get(index).operation().username()))));
    }
    return answers;
  }
}
