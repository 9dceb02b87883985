package io.tenure.governance.streaming;

import io.tenure.engine.audit.AuditRecord;

/**
 * A receiver of audit events. {@link #send} returns only once the receiver has the record (the
 * bytes were written to the syslog connection, the webhook answered 2xx); it throws otherwise, and
 * the record is sent again later. Implementations may keep a connection open between calls.
 */
public interface AuditSink extends AutoCloseable {

  /** The sink's stable name, which keys its cursor ({@code syslog}, {@code webhook}). */
  String name();

  /**
   * Delivers one record.
   *
   * @throws DeliveryException when the receiver did not take it
   */
  void send(AuditRecord record);

  /** Drops any open connection; the next {@link #send} opens a new one. */
  @Override
  default void close() {}
}
