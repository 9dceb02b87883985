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
  void controlCharactersNeverReachATargetAttribute() {
    TargetPolicy policy =
        new TargetPolicy(
            ENVIRONMENT,
            DIRECTORY,
            "familyName",
            Map.of("cn", "givenName + ' ' + familyName", "description", "email"),
            20);

    assertThat(
            policy.attributes(
                Map.of(
                    "givenName", "An\u0000na",
                    "familyName", "Mar\u001B[31mtin\u0085\u007F",
                    "email", "\u0007\u0000")))
        .as("an identity stored before the sources refused control characters")
        .containsExactly(Map.entry("cn", "Anna Mar[31mtin"));
    assertThat(policy.attributes(Map.of("givenName", "Line\tone", "familyName", "two\nthree")))
        .containsEntry("cn", "Line\tone two\nthree");
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
