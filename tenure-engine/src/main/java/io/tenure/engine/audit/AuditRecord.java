package io.tenure.engine.audit;

/**
 * An audit event as stored: its position in the log and its hash, which covers the event and the
 * previous record's hash so that a changed or removed record breaks the chain.
 */
public record AuditRecord(long sequence, AuditEvent event, String hash) {}
