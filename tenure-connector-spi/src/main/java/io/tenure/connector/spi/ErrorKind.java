package io.tenure.connector.spi;

/** Why a connector call failed, and so whether it is worth retrying. */
public enum ErrorKind {
  /** The target could not be reached or the connection broke. Retryable. */
  CONNECTION(true),
  /** The target did not answer in time. Retryable. */
  TIMEOUT(true),
  /** The target is busy or throttling (LDAP busy/unavailable, HTTP 429/503). Retryable. */
  BUSY(true),
  /** The request violates the target's schema. Permanent. */
  SCHEMA(false),
  /** The request violates a constraint (uniqueness, referential). Permanent. */
  CONSTRAINT(false),
  /** The connector's credentials may not do this. Permanent. */
  PERMISSION(false),
  /** The object does not exist. Permanent. */
  NOT_FOUND(false),
  /** An object with that name already exists. Permanent; the engine links instead. */
  ALREADY_EXISTS(false),
  /** A value cannot be expressed on the target (a name the target rejects). Permanent. */
  INVALID_INPUT(false),
  /** The connector is configured wrongly. Permanent. */
  CONFIGURATION(false),
  /** Anything else. Permanent, so that a human looks at it. */
  OTHER(false);

  private final boolean retryable;

  ErrorKind(boolean retryable) {
    this.retryable = retryable;
  }

  /** True if the same call may succeed later without any change. */
  public boolean retryable() {
    return retryable;
  }
}
