package io.tenure.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.core.account.TargetId;
import io.tenure.core.expression.ExpressionEnvironment;
import io.tenure.core.expression.ExpressionException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetPolicyTest {

  private static final TargetId DIRECTORY = new TargetId("directory");
  private static final ExpressionEnvironment ENVIRONMENT =
      ExpressionEnvironment.of(Set.of("givenName", "familyName", "email", "employeeId"));

  @Test
  void computesAttributesAndOmitsBlankOnes() {
    TargetPolicy policy =
        new TargetPolicy(
            ENVIRONMENT,
            DIRECTORY,
            "initial(givenName) + familyName",
            Map.of(
                "cn", "givenName + ' ' + familyName",
                "mail", "email",
                "employeeNumber", "employeeId"),
            20);

    assertThat(
            policy.attributes(
                Map.of("givenName", "Zoë", "familyName", "Ñúñez", "employeeId", "1042")))
        .containsExactly(Map.entry("cn", "Zoë Ñúñez"), Map.entry("employeeNumber", "1042"));
    assertThat(policy.usernameGenerator().generate(Map.of("givenName", "Zoë"), name -> false))
        .isEqualTo("z");
    assertThat(policy.attributeExpressions()).containsKeys("cn", "employeeNumber", "mail");
    assertThat(policy.usernameMaxLength()).isEqualTo(20);
  }

  @Test
  void aBadAttributeExpressionNamesTheTargetAndAttribute() {
    assertThatThrownBy(
            () -> new TargetPolicy(ENVIRONMENT, DIRECTORY, "givenName", Map.of("mail", "emial"), 8))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("target 'directory' attribute 'mail'")
        .hasMessageContaining("emial")
        .hasCauseInstanceOf(ExpressionException.class);
  }

  @Test
  void aBadUsernameExpressionNamesTheTarget() {
    assertThatThrownBy(() -> new TargetPolicy(ENVIRONMENT, DIRECTORY, "givenNam", Map.of(), 8))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("target 'directory' username")
        .hasMessageContaining("givenNam");
  }

  @Test
  void anAttributeFailingAtEvaluationNamesTheTargetAndAttribute() {
    TargetPolicy policy =
        new TargetPolicy(
            ENVIRONMENT,
            DIRECTORY,
            "givenName",
            Map.of("initials", "givenName.substring(0, 1)"),
            8);

    assertThatThrownBy(() -> policy.attributes(Map.of()))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("target 'directory' attribute 'initials'");
  }
}
