package io.tenure.engine.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The permissions of each role, as the issue defines the roles. */
class AccessRulesTest {

  @Test
  void anAdministratorMayDoEverything() {
    assertThat(AccessRules.of(AccessRole.ADMIN)).containsExactlyInAnyOrder(Permission.values());
  }

  @Test
  void anOperatorWorksPeoplePlansAndTheQueueButNotTheAuditTrailUsersOrTokens() {
    assertThat(AccessRules.of(AccessRole.OPERATOR))
        .contains(
            Permission.VIEW_PEOPLE,
            Permission.DECIDE_PLANS,
            Permission.OPERATE_QUEUE,
            Permission.VIEW_FINDINGS)
        .doesNotContain(
            Permission.VIEW_AUDIT,
            Permission.VIEW_ACCESS_CONTROL,
            Permission.MANAGE_ACCESS_CONTROL,
            Permission.VIEW_METRICS);
  }

  @Test
  void anAuditorReadsEverythingAndChangesNothing() {
    for (Permission permission : Permission.values()) {
      boolean reads = permission.name().startsWith("VIEW_");
      assertThat(AccessRules.of(AccessRole.AUDITOR).contains(permission))
          .as(permission.name())
          .isEqualTo(reads);
    }
  }

  @Test
  void aPersonAndAnApproverSeeOnlyTheirOwnAccessAndTheirRequests() {
    assertThat(AccessRules.of(AccessRole.SELF))
        .containsExactly(Permission.VIEW_OWN_ACCESS, Permission.REQUEST_ACCESS);
    assertThat(AccessRules.of(AccessRole.APPROVER))
        .containsExactly(Permission.VIEW_OWN_ACCESS, Permission.REQUEST_ACCESS);
  }

  @Test
  void aPrincipalMayWhatAnyOfItsRolesAllows() {
    assertThat(
            AccessRules.allows(List.of(AccessRole.SELF, AccessRole.AUDITOR), Permission.VIEW_AUDIT))
        .isTrue();
    assertThat(AccessRules.allows(EnumSet.of(AccessRole.SELF), Permission.VIEW_PEOPLE)).isFalse();
    assertThat(AccessRole.parse(" Operator ")).isEqualTo(AccessRole.OPERATOR);
  }
}
