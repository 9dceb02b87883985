package io.tenure.engine.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Port: the users who log in with a password, each with the hash of the password and the count of
 * failed logins since the last success. Every method may be called inside a {@link
 * io.tenure.engine.store.Transactions} transaction.
 */
public interface UserRepository {

  /**
   * Stores a new user with the hash of its password.
   *
   * @throws IllegalStateException if a user with that name exists
   */
  void insert(LocalUser user, String passwordHash);

  /** The user with that name, with its password hash and login failures. */
  Optional<StoredUser> find(String username);

  /** Every user in name order, disabled ones included. */
  List<LocalUser> list();

  /**
   * Disables the user at {@code at}.
   *
   * @return false if there is no such user or it was already disabled
   */
  boolean disable(String username, Instant at);

  /** Records the failures since the last successful login and until when logins are refused. */
  void recordFailures(String username, int failures, @Nullable Instant lockedUntil);

  /** Whether some enabled user holds the admin role. */
  boolean anyEnabledAdmin();

  /**
   * A user with its secret side.
   *
   * @param user the user
   * @param passwordHash the hash of its password
   * @param failures failed logins since the last success
   * @param lockedUntil until when logins are refused, null if they are not
   */
  record StoredUser(
      LocalUser user, String passwordHash, int failures, @Nullable Instant lockedUntil) {}
}
