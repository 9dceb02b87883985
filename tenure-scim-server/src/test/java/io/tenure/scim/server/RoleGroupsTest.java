package io.tenure.scim.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.scim2.common.exceptions.BadRequestException;
import io.tenure.core.identity.IdentityId;
import io.tenure.scim.server.store.ScimGroupStore;
import io.tenure.scim.server.store.StoredGroup;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A Group named like a role of scim.roles is the role's: seeded, kept, and who it affects. */
class RoleGroupsTest {

  private static final OffsetDateTime NOW =
      OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.UTC);

  private final List<String> created = new ArrayList<>();
  private final RoleGroups roles =
      new RoleGroups(
          Set.of("sales", "engineering"),
          recordingSeeds(created),
          Clock.fixed(NOW.toInstant(), ZoneOffset.UTC));

  /** A store that records the displayNames seeding asks for, and supports nothing else. */
  private static ScimGroupStore recordingSeeds(List<String> created) {
    return (ScimGroupStore)
        Proxy.newProxyInstance(
            ScimGroupStore.class.getClassLoader(),
            new Class<?>[] {ScimGroupStore.class},
            (proxy, method, arguments) -> {
              if (method.getName().equals("createUnlessNamed")) {
                created.add((String) arguments[1]);
                assertThat(arguments[2]).isEqualTo(NOW.toInstant());
                return null;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  private static StoredGroup group(String displayName) {
    return new StoredGroup("g-1", displayName, null, NOW, NOW, 1);
  }

  @Test
  void oneGroupPerRoleIsAskedForInNameOrder() {
    roles.seed();
    assertThat(created).containsExactly("engineering", "sales");
  }

  @Test
  void aRolesGroupCannotBeDeletedOrRenamedOthersCan() {
    String message =
        "Group sales is role sales, configured in tenure.yaml: it cannot be deleted or renamed"
            + " over SCIM";
    assertThatThrownBy(() -> roles.checkDeletable(group("sales")))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            e -> assertThat(e.getScimError().getScimType()).isEqualTo("mutability"))
        .hasMessage(message);
    assertThatThrownBy(() -> roles.checkRename(group("sales"), "Sales")).hasMessage(message);
    assertThatCode(() -> roles.checkRename(group("sales"), "sales")).doesNotThrowAnyException();
    assertThatCode(() -> roles.checkRename(null, "sales")).doesNotThrowAnyException();
    assertThatCode(() -> roles.checkDeletable(group("friends"))).doesNotThrowAnyException();
    assertThatCode(() -> roles.checkRename(group("friends"), "sales")).doesNotThrowAnyException();
  }

  @Test
  void aWriteAffectsThePeopleWhoseRolesItChanges() {
    Set<String> before = Set.of("a", "b");
    Set<String> after = Set.of("b", "c");
    assertThat(roles.affected(group("sales"), group("sales"), before, after))
        .as("a role's members added and removed")
        .containsExactly(new IdentityId("a"), new IdentityId("c"));
    assertThat(roles.affected(group("friends"), group("friends"), before, after))
        .as("a Group that assigns nothing")
        .isEmpty();
    assertThat(roles.affected(group("friends"), group("sales"), before, after))
        .as("a Group that becomes a role's")
        .containsExactly(new IdentityId("a"), new IdentityId("b"), new IdentityId("c"));
    assertThat(roles.affected(null, group("engineering"), Set.of(), after))
        .containsExactly(new IdentityId("b"), new IdentityId("c"));
  }
}
