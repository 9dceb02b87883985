package io.tenure.engine.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.engine.testing.CountingTransactions;
import io.tenure.engine.testing.InMemoryAuditLog;
import io.tenure.engine.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Local users: created with a given or generated password, locked after failed logins. */
class LocalUsersTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T08:00:00Z"));
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final Users store = new Users();
  private final LocalUsers users =
      new LocalUsers(
          store,
          new ReversedHasher(),
          audit,
          new CountingTransactions(),
          clock,
          new LoginThrottle(3, Duration.ofMinutes(15)));

  @Test
  void theBootstrapAdministratorGetsAGeneratedPasswordShownOnceAndOnlyItsHashIsStored() {
    LocalUsers.CreatedUser created = users.createAdmin(null, "cli:root");
    assertThat(created.user().username()).isEqualTo("admin");
    assertThat(created.user().roles()).containsExactly(AccessRole.ADMIN);
    String password = created.generatedPassword();
    assertThat(password).hasSizeGreaterThanOrEqualTo(20);
    assertThat(store.hashes.get("admin")).isNotEqualTo(password);
    assertThat(users.authenticate("admin", password).result())
        .isEqualTo(LoginOutcome.Result.SUCCEEDED);
    assertThat(users.hasAdministrator()).isTrue();
    assertThat(audit.events())
        .anySatisfy(event -> assertThat(event.action()).isEqualTo("user.created"));
    assertThat(audit.events().toString()).doesNotContain(password);
    assertThatThrownBy(() -> users.createAdmin(null, "cli:root"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aGivenPasswordMustBeLongEnoughAndANameWellFormed() {
    assertThatThrownBy(() -> users.createAdmin("short", "test"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("12");
    assertThatThrownBy(
            () -> users.create("Bad Name", "", EnumSet.noneOf(AccessRole.class), null, null, "t"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(users.createAdmin("a-long-enough-password", "test").generatedPassword()).isNull();
  }

  @Test
  void repeatedFailuresLockTheUserEvenForTheRightPasswordAndTheLockIsAudited() {
    users.create(
        "jdoe", "Jane Doe", EnumSet.of(AccessRole.OPERATOR), null, "right-password-1", "t");
    assertThat(users.authenticate("jdoe", "wrong").result()).isEqualTo(LoginOutcome.Result.REFUSED);
    assertThat(users.authenticate("jdoe", "wrong").result()).isEqualTo(LoginOutcome.Result.REFUSED);
    LoginOutcome third = users.authenticate("jdoe", "wrong");
    assertThat(third.result()).isEqualTo(LoginOutcome.Result.LOCKED);
    assertThat(third.lockedUntil()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
    assertThat(audit.events())
        .anySatisfy(
            event -> {
              assertThat(event.action()).isEqualTo("login.locked");
              assertThat(event.subject()).isEqualTo("user jdoe");
            });
    assertThat(users.authenticate("jdoe", "right-password-1").result())
        .isEqualTo(LoginOutcome.Result.LOCKED);
    clock.advance(Duration.ofMinutes(16));
    assertThat(users.authenticate("jdoe", "right-password-1").result())
        .isEqualTo(LoginOutcome.Result.SUCCEEDED);
    assertThat(store.failures.get("jdoe")).isZero();
  }

  @Test
  void anUnknownUserIsRefusedLikeAWrongPasswordAndADisabledUserCannotLogIn() {
    assertThat(users.authenticate("nobody", "x").result()).isEqualTo(LoginOutcome.Result.REFUSED);
    users.create("jdoe", "", EnumSet.of(AccessRole.AUDITOR), null, "right-password-1", "t");
    assertThat(users.disable("jdoe", "cli:root")).isTrue();
    assertThat(users.disable("jdoe", "cli:root")).isFalse();
    assertThat(users.authenticate("jdoe", "right-password-1").result())
        .isEqualTo(LoginOutcome.Result.DISABLED);
  }

  /** A "hash" that is the reversed password: enough to tell a hash from a password in a test. */
  private static final class ReversedHasher implements PasswordHasher {
    @Override
    public String hash(String password) {
      return "reversed:" + new StringBuilder(password).reverse();
    }

    @Override
    public boolean matches(String password, String hash) {
      return hash(password).equals(hash);
    }
  }

  private static final class Users implements UserRepository {
    final Map<String, LocalUser> users = new TreeMap<>();
    final Map<String, String> hashes = new TreeMap<>();
    final Map<String, Integer> failures = new TreeMap<>();
    final Map<String, Instant> locks = new TreeMap<>();

    @Override
    public void insert(LocalUser user, String passwordHash) {
      users.put(user.username(), user);
      hashes.put(user.username(), passwordHash);
      failures.put(user.username(), 0);
    }

    @Override
    public Optional<StoredUser> find(String username) {
      LocalUser user = users.get(username);
      return user == null
          ? Optional.empty()
          : Optional.of(
              new StoredUser(
                  user, hashes.get(username), failures.get(username), locks.get(username)));
    }

    @Override
    public List<LocalUser> list() {
      return new ArrayList<>(users.values());
    }

    @Override
    public boolean disable(String username, Instant at) {
      LocalUser user = users.get(username);
      if (user == null || user.disabled()) {
        return false;
      }
      users.put(
          username,
          new LocalUser(
              user.username(),
              user.displayName(),
              user.roles(),
              user.person(),
              user.createdAt(),
              at));
      return true;
    }

    @Override
    public void recordFailures(String username, int count, @Nullable Instant lockedUntil) {
      failures.put(username, count);
      if (lockedUntil == null) {
        locks.remove(username);
      } else {
        locks.put(username, lockedUntil);
      }
    }

    @Override
    public boolean anyEnabledAdmin() {
      return users.values().stream()
          .anyMatch(user -> !user.disabled() && user.roles().contains(AccessRole.ADMIN));
    }
  }
}
