package io.tenure.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.core.account.TargetId;
import io.tenure.core.expression.ExpressionEnvironment;
import io.tenure.core.expression.ExpressionException;
import io.tenure.core.plan.Reason;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {

  private static final TargetId DIRECTORY = new TargetId("directory");
  private static final TargetId WIKI = new TargetId("wiki");
  private static final ExpressionEnvironment ENVIRONMENT =
      ExpressionEnvironment.of(
          Set.of("department", "employmentType", "givenName", "familyName", "location"));
  private static final String ENGINEERING_CONDITION =
      "department == 'Engineering' && employmentType != 'intern'";

  private static final RoleCatalog ROLES =
      RoleCatalog.of(
          Role.of("staff", Map.of(DIRECTORY, Set.of("cn=staff"), WIKI, Set.of("readers"))),
          Role.of("engineering", Map.of(DIRECTORY, Set.of("cn=engineering")))
              .withIncludes(RoleName.of("staff")),
          Role.of("oslo", Map.of(DIRECTORY, Set.of("cn=oslo", "cn=staff"))));

  private static Policy policy(BirthrightRule... rules) {
    return new Policy(ENVIRONMENT, ROLES, List.of(rules), targets());
  }

  private static List<TargetPolicy> targets() {
    return List.of(
        new TargetPolicy(ENVIRONMENT, DIRECTORY, "initial(givenName) + familyName", Map.of(), 20),
        new TargetPolicy(ENVIRONMENT, WIKI, "givenName", Map.of(), 20));
  }

  @Test
  void grantsRolesAndEntitlementsWithReasons() {
    PolicyEvaluator evaluator =
        new PolicyEvaluator(
            policy(
                BirthrightRule.of("engineering-birthright", ENGINEERING_CONDITION, "engineering")));

    Access access = evaluator.evaluate(Map.of("department", "Engineering"));

    String rule = "rule engineering-birthright: " + ENGINEERING_CONDITION;
    assertThat(access.roles())
        .containsExactly(
            Map.entry(RoleName.of("engineering"), new Reason(List.of("role engineering", rule))),
            Map.entry(
                RoleName.of("staff"),
                new Reason(List.of("role staff", "included by role engineering", rule))));
    assertThat(access.entitlementsOn(DIRECTORY))
        .containsExactly(
            Map.entry(
                "cn=engineering",
                new Reason(List.of("entitlement cn=engineering", "role engineering", rule))),
            Map.entry(
                "cn=staff",
                new Reason(
                    List.of(
                        "entitlement cn=staff",
                        "role staff",
                        "included by role engineering",
                        rule))));
    assertThat(access.entitlementsOn(WIKI)).containsOnlyKeys("readers");
    assertThat(access.holds(RoleName.of("oslo"))).isFalse();
  }

  @Test
  void assignedRolesAreGrantedWithTheirIncludesAndTheAssignmentAsRootCause() {
    PolicyEvaluator evaluator = new PolicyEvaluator(policy());
    Reason assignment = Reason.of("SCIM group engineering (assigned by scim:okta)");

    Access access =
        evaluator.evaluate(
            Map.of("department", "Sales"), Map.of(RoleName.of("engineering"), assignment));

    assertThat(access.roles())
        .containsEntry(
            RoleName.of("staff"),
            new Reason(
                List.of(
                    "role staff",
                    "included by role engineering",
                    "SCIM group engineering (assigned by scim:okta)")));
    assertThat(access.entitlementsOn(DIRECTORY).get("cn=engineering").render())
        .isEqualTo(
            "entitlement cn=engineering, from role engineering,"
                + " from SCIM group engineering (assigned by scim:okta)");
    assertThatThrownBy(
            () -> evaluator.evaluate(Map.of(), Map.of(RoleName.of("nobody"), assignment)))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("nobody");
  }

  @Test
  void grantsNothingWhenNoRuleMatches() {
    PolicyEvaluator evaluator =
        new PolicyEvaluator(
            policy(
                BirthrightRule.of("engineering-birthright", ENGINEERING_CONDITION, "engineering")));

    assertThat(evaluator.evaluate(Map.of("department", "Engineering", "employmentType", "intern")))
        .isEqualTo(Access.none());
    assertThat(evaluator.evaluate(Map.of())).isEqualTo(Access.none());
  }

  @Test
  void prefersTheShortestReasonWhenSeveralPathsGrantTheSameThing() {
    PolicyEvaluator evaluator =
        new PolicyEvaluator(
            policy(
                BirthrightRule.of("engineering-birthright", ENGINEERING_CONDITION, "engineering"),
                BirthrightRule.of("oslo-office", "location == 'Oslo'", "oslo"),
                BirthrightRule.of("everyone", "true", "staff")));

    Access access = evaluator.evaluate(Map.of("department", "Engineering", "location", "Oslo"));

    assertThat(access.roles().get(RoleName.of("staff")))
        .isEqualTo(new Reason(List.of("role staff", "rule everyone: true")));
    assertThat(access.entitlementsOn(DIRECTORY).get("cn=staff"))
        .as("two-step role reasons tie on length; 'role oslo' < 'role staff'")
        .isEqualTo(
            new Reason(
                List.of(
                    "entitlement cn=staff", "role oslo", "rule oslo-office: location == 'Oslo'")));
  }

  @Test
  void theResultDoesNotDependOnRuleOrder() {
    BirthrightRule first = BirthrightRule.of("a", "department == 'Engineering'", "engineering");
    BirthrightRule second = BirthrightRule.of("b", "department != ''", "engineering", "staff");
    Map<String, String> attributes = Map.of("department", "Engineering");

    assertThat(new PolicyEvaluator(policy(first, second)).evaluate(attributes))
        .isEqualTo(new PolicyEvaluator(policy(second, first)).evaluate(attributes));
  }

  @Test
  void aRuleGrantingAnUnknownRoleIsAnErrorNamingRuleAndRole() {
    assertThatThrownBy(() -> policy(BirthrightRule.of("sales-birthright", "true", "sales")))
        .isInstanceOf(PolicyException.class)
        .hasMessage("rule 'sales-birthright' grants unknown role 'sales'");
  }

  @Test
  void aRuleWhoseConditionDoesNotCompileIsAnErrorNamingTheRule() {
    assertThatThrownBy(
            () -> policy(BirthrightRule.of("typo", "departmnet == 'Engineering'", "staff")))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("rule 'typo' condition")
        .hasMessageContaining("departmnet")
        .hasCauseInstanceOf(ExpressionException.class);
  }

  @Test
  void aRuleFailingAtEvaluationIsAnErrorNamingTheRule() {
    PolicyEvaluator evaluator =
        new PolicyEvaluator(
            policy(BirthrightRule.of("fragile", "department.substring(0, 3) == 'Eng'", "staff")));

    assertThatThrownBy(() -> evaluator.evaluate(Map.of()))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("rule 'fragile' condition");
  }

  @Test
  void aPolicyIsValidatedAsAWhole() {
    assertThatThrownBy(
            () ->
                policy(
                    BirthrightRule.of("twice", "true", "staff"),
                    BirthrightRule.of("twice", "false", "staff")))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("rule 'twice' is defined twice");
    assertThatThrownBy(() -> new Policy(ENVIRONMENT, ROLES, List.of(), targets().subList(0, 1)))
        .isInstanceOf(PolicyException.class)
        .hasMessage("role 'staff' grants entitlements on unknown target 'wiki'");
    assertThatThrownBy(() -> BirthrightRule.of("empty", "true"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("rule 'empty' grants no roles");
  }

  @Test
  void withoutRuleRemovesOnlyThatRule() {
    Policy policy =
        policy(
            BirthrightRule.of("engineering-birthright", ENGINEERING_CONDITION, "engineering"),
            BirthrightRule.of("oslo-office", "location == 'Oslo'", "oslo"));

    assertThat(policy.withoutRule("oslo-office").rules())
        .extracting(BirthrightRule::name)
        .containsExactly("engineering-birthright");
    assertThat(policy.withoutRule("no-such-rule")).isSameAs(policy);
  }
}
