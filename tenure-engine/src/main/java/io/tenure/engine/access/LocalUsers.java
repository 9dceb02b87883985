package io.tenure.engine.access;

import io.tenure.core.identity.IdentityId;
import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.store.Transactions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The users who log in with a password: created (with a password given or generated and shown
 * once), listed, disabled, and checked at login with a {@link LoginThrottle}. Only a slow, salted
 * hash of a password is stored ({@link PasswordHasher}); a password is never logged or audited.
 *
 * <p>Audited: {@code user.created}, {@code user.disabled} (with the actor who did it) and {@code
 * login.locked} (the failure that locked a user, actor {@code login}). A login for an unknown user
 * costs the same hash comparison as one for a known user.
 */
public final class LocalUsers {

  /** The name of the bootstrap administrator. */
  public static final String BOOTSTRAP_ADMIN = "admin";

  /** The shortest password accepted when one is given. */
  public static final int MINIMUM_PASSWORD_LENGTH = 12;

  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,63}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final UserRepository users;
  private final PasswordHasher hasher;
  private final AuditLog audit;
  private final Transactions transactions;
  private final Clock clock;
  private final LoginThrottle throttle;
  private final String unknownUserHash;

  public LocalUsers(
      UserRepository users,
      PasswordHasher hasher,
      AuditLog audit,
      Transactions transactions,
      Clock clock,
      LoginThrottle throttle) {
    this.users = users;
    this.hasher = hasher;
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock;
    this.throttle = throttle;
    this.unknownUserHash = hasher.hash(generatePassword());
  }

  /**
   * A user just created.
   *
   * @param user the stored user
   * @param generatedPassword the password made for it, shown once; null when one was given
   */
  public record CreatedUser(LocalUser user, @Nullable String generatedPassword) {}

  /**
   * Creates the bootstrap administrator {@value #BOOTSTRAP_ADMIN} with the password given (for
   * example from the environment) or, when null, a generated one returned once.
   *
   * @throws IllegalStateException if the user exists
   * @throws IllegalArgumentException if the given password is shorter than {@value
   *     #MINIMUM_PASSWORD_LENGTH}
   */
  public CreatedUser createAdmin(@Nullable String password, String actor) {
    return create(
        BOOTSTRAP_ADMIN, "Administrator", EnumSet.of(AccessRole.ADMIN), null, password, actor);
  }

  /**
   * Creates a user.
   *
   * @param password the password, or null to generate one (returned once)
   * @throws IllegalStateException if a user with that name exists
   * @throws IllegalArgumentException if the name is not a valid user name or the given password is
   *     shorter than {@value #MINIMUM_PASSWORD_LENGTH}
   */
  public CreatedUser create(
      String username,
      String displayName,
      Set<AccessRole> roles,
      @Nullable IdentityId person,
      @Nullable String password,
      String actor) {
    String name = username.strip();
    if (!USERNAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a user name is 1 to 64 lower-case letters, digits, '.', '_', '@' or '-', not '"
              + username
              + "'");
    }
    if (password != null && password.length() < MINIMUM_PASSWORD_LENGTH) {
      throw new IllegalArgumentException(
          "a password needs at least " + MINIMUM_PASSWORD_LENGTH + " characters");
    }
    String secret = password == null ? generatePassword() : password;
    Instant now = clock.instant();
    LocalUser user =
        new LocalUser(
            name, displayName.isBlank() ? name : displayName.strip(), roles, person, now, null);
    String hash = hasher.hash(secret);
    transactions.run(
        () -> {
          if (users.find(name).isPresent()) {
            throw new IllegalStateException("there is already a user " + name);
          }
          users.insert(user, hash);
          Map<String, String> details = new TreeMap<>();
          details.put("user", name);
          details.put("roles", String.join(",", roles.stream().map(AccessRole::label).toList()));
          if (person != null) {
            details.put("person", person.value());
          }
          audit.append(
              new AuditEvent(
                  now,
                  actor,
                  "user.created",
                  "user " + name,
                  "user " + name + " created",
                  "success",
                  details));
        });
    return new CreatedUser(user, password == null ? secret : null);
  }

  /** Every user in name order, disabled ones included. */
  public List<LocalUser> list() {
    return transactions.inTransaction(users::list);
  }

  /** The user with that name. */
  public Optional<LocalUser> find(String username) {
    return transactions.inTransaction(
        () -> users.find(username.strip()).map(UserRepository.StoredUser::user));
  }

  /**
   * Disables a user: it can no longer log in (the web module ends its open sessions at their next
   * request).
   *
   * @return false if there is no such user or it was already disabled
   */
  public boolean disable(String username, String actor) {
    Instant now = clock.instant();
    return transactions.inTransaction(
        () -> {
          boolean disabled = users.disable(username.strip(), now);
          if (disabled) {
            audit.append(
                new AuditEvent(
                    now,
                    actor,
                    "user.disabled",
                    "user " + username.strip(),
                    "user " + username.strip() + " disabled",
                    "success",
                    Map.of("user", username.strip())));
          }
          return disabled;
        });
  }

  /** Whether an enabled administrator exists (else the console cannot be administered). */
  public boolean hasAdministrator() {
    return transactions.inTransaction(users::anyEnabledAdmin);
  }

  /**
   * Checks a login. A locked user is refused whatever the password; the failure that reaches {@link
   * LoginThrottle#maxFailures()} locks the user and is audited as {@code login.locked}; a success
   * resets the count.
   */
  public LoginOutcome authenticate(String username, String password) {
    String name = username.strip().toLowerCase(java.util.Locale.ROOT);
    Optional<UserRepository.StoredUser> found = transactions.inTransaction(() -> users.find(name));
    if (found.isEmpty()) {
      hasher.matches(password, unknownUserHash);
      return LoginOutcome.refused();
    }
    UserRepository.StoredUser stored = found.get();
    Instant now = clock.instant();
    if (stored.lockedUntil() != null && now.isBefore(stored.lockedUntil())) {
      return LoginOutcome.locked(stored.lockedUntil());
    }
    boolean matches = hasher.matches(password, stored.passwordHash());
    if (stored.user().disabled()) {
      return LoginOutcome.disabled();
    }
    if (matches) {
      if (stored.failures() > 0 || stored.lockedUntil() != null) {
        transactions.run(() -> users.recordFailures(name, 0, null));
      }
      return LoginOutcome.succeeded(stored.user());
    }
    int failures = stored.failures() + 1;
    if (failures < throttle.maxFailures()) {
      transactions.run(() -> users.recordFailures(name, failures, null));
      return LoginOutcome.refused();
    }
    Instant until = now.plus(throttle.lockout());
    transactions.run(
        () -> {
          users.recordFailures(name, failures, until);
          audit.append(
              new AuditEvent(
                  now,
                  "login",
                  "login.locked",
                  "user " + name,
                  failures + " failed logins in a row; logins refused until " + until,
                  "locked",
                  Map.of("user", name, "failures", Integer.toString(failures))));
        });
    return LoginOutcome.locked(until);
  }

  /** 20 random bytes, base64url: about 160 bits. */
  static String generatePassword() {
    byte[] bytes = new byte[20];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
