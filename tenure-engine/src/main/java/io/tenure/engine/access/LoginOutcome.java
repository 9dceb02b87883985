package io.tenure.engine.access;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What came of one password login.
 *
 * @param result the verdict
 * @param user the user, when {@link Result#SUCCEEDED}
 * @param lockedUntil until when the user's logins are refused, when {@link Result#LOCKED}
 */
public record LoginOutcome(Result result, @Nullable LocalUser user, @Nullable Instant lockedUntil) {

  /** The verdict of a login. */
  public enum Result {
    /** The password is right and the user may log in. */
    SUCCEEDED,
    /** Unknown user or wrong password (the two are not told apart). */
    REFUSED,
    /** Too many failures: refused whatever the password, until {@code lockedUntil}. */
    LOCKED,
    /** The user is disabled. */
    DISABLED
  }

  static LoginOutcome succeeded(LocalUser user) {
    return new LoginOutcome(Result.SUCCEEDED, user, null);
  }

  static LoginOutcome refused() {
    return new LoginOutcome(Result.REFUSED, null, null);
  }

  static LoginOutcome locked(Instant until) {
    return new LoginOutcome(Result.LOCKED, null, until);
  }

  static LoginOutcome disabled() {
    return new LoginOutcome(Result.DISABLED, null, null);
  }
}
