package io.tenure.engine.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.core.identity.Employment;
import io.tenure.core.identity.EmploymentStatus;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.engine.testing.CountingTransactions;
import io.tenure.engine.testing.InMemoryIdentityRepository;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Who somebody who logged in is: their roles, the implicit ones, and an OIDC person's match. */
class PrincipalsTest {

  private static final Instant NOW = Instant.parse("2026-01-05T08:00:00Z");

  private final InMemoryIdentityRepository identities = new InMemoryIdentityRepository();
  private final List<LocalUser> users = new ArrayList<>();
  private final Principals principals =
      new Principals(identities, new Users(), new CountingTransactions());

  private IdentityId person(String id, String employeeId, String managerId, String email) {
    identities.save(
        new Identity(
            new IdentityId(id),
            LifecycleState.ACTIVE,
            Map.of(
                "employeeId", employeeId,
                "managerId", managerId,
                "email", email,
                "givenName", "Given" + id,
                "familyName", "Family"),
            new Employment(EmploymentStatus.ACTIVE, LocalDate.of(2020, 1, 1), null),
            Map.of()));
    return new IdentityId(id);
  }

  @Test
  void everyPersonIsSelfAndAManagerIsAlsoAnApprover() {
    IdentityId boss = person("1", "E1", "", "boss@example.com");
    IdentityId worker = person("2", "E2", "E1", "worker@example.com");
    AccessPrincipal manager =
        principals.ofLocalUser(
            new LocalUser("boss", "Boss", EnumSet.of(AccessRole.OPERATOR), boss, NOW, null));
    assertThat(manager.roles())
        .containsExactlyInAnyOrder(AccessRole.OPERATOR, AccessRole.SELF, AccessRole.APPROVER);
    assertThat(manager.actor()).isEqualTo("user:boss");
    AccessPrincipal plain =
        principals.ofLocalUser(
            new LocalUser("worker", "Worker", EnumSet.noneOf(AccessRole.class), worker, NOW, null));
    assertThat(plain.roles()).containsExactly(AccessRole.SELF);
    assertThat(plain.may(Permission.VIEW_OWN_ACCESS)).isTrue();
    assertThat(plain.may(Permission.VIEW_PEOPLE)).isFalse();
  }

  @Test
  void anOidcLoginIsMatchedToExactlyOnePersonAndGetsTheRolesOfTheirUser() {
    IdentityId ada = person("1", "E1", "", "ada@example.com");
    person("2", "E2", "", "twin@example.com");
    person("3", "E3", "", "twin@example.com");
    users.add(new LocalUser("ada", "Ada", EnumSet.of(AccessRole.AUDITOR), ada, NOW, null));

    Optional<AccessPrincipal> matched = principals.ofPersonMatching("email", "ada@example.com");
    assertThat(matched).isPresent();
    assertThat(matched.get().person()).isEqualTo(ada);
    assertThat(matched.get().displayName()).isEqualTo("Given1 Family");
    assertThat(matched.get().roles())
        .containsExactlyInAnyOrder(AccessRole.AUDITOR, AccessRole.SELF);
    assertThat(matched.get().actor()).isEqualTo("oidc:ada@example.com");
    assertThat(principals.ofPersonMatching("employeeId", "E1")).isPresent();

    assertThat(principals.ofPersonMatching("email", "twin@example.com"))
        .as("an ambiguous match is never used")
        .isEmpty();
    assertThat(principals.ofPersonMatching("email", "nobody@example.com")).isEmpty();
    assertThat(principals.ofPersonMatching("email", "")).isEmpty();
  }

  @Test
  void aTokenActsAsItsUserOrAsAnAdministratorWhenBoundToNobody() {
    users.add(new LocalUser("ops", "Ops", EnumSet.of(AccessRole.OPERATOR), null, NOW, null));
    users.add(new LocalUser("gone", "Gone", EnumSet.of(AccessRole.ADMIN), null, NOW, NOW));
    assertThat(
            principals.ofToken(new ApiToken("t", "ci", TokenScope.ADMIN, NOW, null, null)).roles())
        .containsExactly(AccessRole.ADMIN);
    AccessPrincipal bound =
        principals.ofToken(new ApiToken("t", "ci", TokenScope.ADMIN, NOW, null, "ops"));
    assertThat(bound.roles()).containsExactlyInAnyOrder(AccessRole.OPERATOR, AccessRole.SELF);
    assertThat(bound.actor()).isEqualTo("api:ci");
    assertThat(
            principals
                .ofToken(new ApiToken("t", "old", TokenScope.ADMIN, NOW, null, "gone"))
                .roles())
        .as("a token of a disabled user keeps nothing but seeing itself")
        .containsExactly(AccessRole.SELF);
  }

  /** The users of the test, read-only. */
  private final class Users implements UserRepository {
    @Override
    public void insert(LocalUser user, String passwordHash) {
      users.add(user);
    }

    @Override
    public Optional<StoredUser> find(String username) {
      return users.stream()
          .filter(user -> user.username().equals(username))
          .findFirst()
          .map(user -> new StoredUser(user, "hash", 0, null));
    }

    @Override
    public List<LocalUser> list() {
      return List.copyOf(users);
    }

    @Override
    public boolean disable(String username, Instant at) {
      return false;
    }

    @Override
    public void recordFailures(String username, int failures, @Nullable Instant lockedUntil) {}

    @Override
    public boolean anyEnabledAdmin() {
      return false;
    }
  }
}
