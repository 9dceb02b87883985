package io.tenure.store;

/**
 * Which thread moves committed audit events from the inbox into the hash chain ({@link
 * JdbcAuditLog}). Either way an event is kept from its own transaction's commit, the chain is
 * sealed in inbox order by one holder of its lock at a time, and every reader of the log chains
 * what is waiting before it reads.
 */
public enum AuditChaining {
  /**
   * The thread whose commit appended events chains them (and those committed meanwhile) before it
   * goes on: a short command leaves nothing waiting when it ends.
   */
  AFTER_COMMIT,
  /**
   * One background thread of the log chains after commits, so that the committing thread (a request
   * of the server, a command's next chunk of work) goes on as soon as its own transaction has
   * committed; {@link JdbcStore#close} chains what is left, so a command that closes the store
   * leaves nothing waiting either.
   */
  IN_BACKGROUND
}
