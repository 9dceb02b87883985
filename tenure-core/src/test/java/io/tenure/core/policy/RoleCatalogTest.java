package io.tenure.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.core.account.TargetId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleCatalogTest {

  private static final TargetId DIRECTORY = new TargetId("directory");

  private static Role role(String name, String... includes) {
    return new Role(
        RoleName.of(name),
        Set.of(includes).stream().map(RoleName::of).collect(java.util.stream.Collectors.toSet()),
        Map.of(DIRECTORY, Set.of("cn=" + name)),
        "");
  }

  @Test
  void resolvesTheTransitiveClosureWithTheChainOfIncludes() {
    RoleCatalog catalog =
        RoleCatalog.of(
            role("everyone"),
            role("staff", "everyone"),
            role("engineering", "staff"),
            role("oncall"));

    assertThat(catalog.closure(RoleName.of("engineering")))
        .containsExactly(
            new IncludedRole(RoleName.of("engineering"), List.of()),
            new IncludedRole(RoleName.of("staff"), List.of(RoleName.of("engineering"))),
            new IncludedRole(
                RoleName.of("everyone"),
                List.of(RoleName.of("staff"), RoleName.of("engineering"))));
    assertThat(catalog.closure(RoleName.of("oncall")))
        .containsExactly(new IncludedRole(RoleName.of("oncall"), List.of()));
  }

  @Test
  void picksTheShortestThenSmallestChainThroughADiamond() {
    RoleCatalog catalog =
        RoleCatalog.of(
            role("base"),
            role("zeta", "base"),
            role("alpha", "base"),
            role("top", "zeta", "alpha", "middle"),
            role("middle", "deep"),
            role("deep", "base"));

    assertThat(catalog.closure(RoleName.of("top")))
        .filteredOn(included -> included.role().equals(RoleName.of("base")))
        .containsExactly(
            new IncludedRole(
                RoleName.of("base"), List.of(RoleName.of("alpha"), RoleName.of("top"))));
    assertThat(catalog.closure(RoleName.of("top")).stream().map(IncludedRole::role))
        .containsExactly(
            RoleName.of("top"),
            RoleName.of("alpha"),
            RoleName.of("middle"),
            RoleName.of("zeta"),
            RoleName.of("base"),
            RoleName.of("deep"));
  }

  @Test
  void anUnknownIncludedRoleIsAnErrorNamingBothRoles() {
    assertThatThrownBy(() -> RoleCatalog.of(role("engineering", "staf")))
        .isInstanceOf(PolicyException.class)
        .hasMessage("role 'engineering' includes unknown role 'staf'");
  }

  @Test
  void anIncludeCycleIsAnErrorNamingTheCycle() {
    assertThatThrownBy(
            () -> RoleCatalog.of(role("a", "b"), role("b", "c"), role("c", "a"), role("d", "a")))
        .isInstanceOf(PolicyException.class)
        .hasMessage("roles include each other in a cycle: a -> b -> c -> a");
    assertThatThrownBy(() -> RoleCatalog.of(role("self", "self")))
        .isInstanceOf(PolicyException.class)
        .hasMessage("roles include each other in a cycle: self -> self");
  }

  @Test
  void aDuplicateRoleIsAnError() {
    assertThatThrownBy(() -> RoleCatalog.of(role("staff"), role("staff")))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("'staff' is defined twice");
  }

  @Test
  void looksUpRoles() {
    RoleCatalog catalog = RoleCatalog.of(role("staff"), role("engineering", "staff"));

    assertThat(catalog.contains(RoleName.of("staff"))).isTrue();
    assertThat(catalog.find(RoleName.of("sales"))).isEmpty();
    assertThat(catalog.names()).containsExactly(RoleName.of("engineering"), RoleName.of("staff"));
    assertThatThrownBy(() -> catalog.closure(RoleName.of("sales")))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("'sales'");
  }

  @Test
  void rolesAreNormalisedAndImmutable() {
    Role role =
        new Role(
            RoleName.of("staff"),
            Set.of(RoleName.of("b"), RoleName.of("a")),
            Map.of(DIRECTORY, Set.of("cn=z", "cn=a"), new TargetId("empty"), Set.of()),
            "everyone employed");

    assertThat(role.includes()).containsExactly(RoleName.of("a"), RoleName.of("b"));
    assertThat(role.entitlements()).containsOnlyKeys(DIRECTORY);
    assertThat(role.entitlements().get(DIRECTORY)).containsExactly("cn=a", "cn=z");
    assertThatThrownBy(() -> role.includes().add(RoleName.of("c")))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
