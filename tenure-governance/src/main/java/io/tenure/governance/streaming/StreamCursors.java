package io.tenure.governance.streaming;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Port: each sink's durable cursor, the sequence of the last audit record it has taken. Used inside
 * one transaction per record: {@link #lock} the cursor, send, {@link #advance}, commit; so that two
 * processes never send the same record to a sink and a restart resumes after the last record sent.
 */
public interface StreamCursors {

  /**
   * Locks the sink's cursor for the current transaction, creating it at {@code start} when new;
   * empty when another process holds it (it is delivering now).
   */
  OptionalLong lock(String sink, long start);

  /** Moves the sink's cursor to {@code sequence} and clears its last error. */
  void advance(String sink, long sequence, Instant at);

  /** Records that a delivery to the sink failed (its cursor stays). */
  void failed(String sink, String error, Instant at);

  /** Every sink's cursor, for operators. */
  List<Cursor> cursors();

  /**
   * A sink's cursor as stored.
   *
   * @param sink the sink's name
   * @param sequence the last record the sink has taken
   * @param updatedAt when the cursor last moved
   * @param failures failed deliveries since it last moved
   * @param lastError the last failure, or null
   */
  record Cursor(
      String sink, long sequence, Instant updatedAt, int failures, @Nullable String lastError) {}
}
