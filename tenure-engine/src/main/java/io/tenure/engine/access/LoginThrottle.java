package io.tenure.engine.access;

import java.time.Duration;

/**
 * How password guessing is slowed: after {@code maxFailures} failed logins in a row a user's logins
 * are refused for {@code lockout} (whatever the password), and each further failure locks again.
 *
 * @param maxFailures failures in a row that lock the user (at least 1)
 * @param lockout how long a lock lasts (positive)
 */
public record LoginThrottle(int maxFailures, Duration lockout) {

  public LoginThrottle {
    if (maxFailures < 1) {
      throw new IllegalArgumentException("maxFailures must be at least 1");
    }
    if (lockout.isNegative() || lockout.isZero()) {
      throw new IllegalArgumentException("lockout must be positive");
    }
  }

  /** Five failures lock a user for fifteen minutes. */
  public static LoginThrottle defaults() {
    return new LoginThrottle(5, Duration.ofMinutes(15));
  }
}
