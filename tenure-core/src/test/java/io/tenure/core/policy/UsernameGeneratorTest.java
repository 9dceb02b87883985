package io.tenure.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.core.account.TargetId;
import io.tenure.core.expression.ExpressionEnvironment;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UsernameGeneratorTest {

  private static final TargetId DIRECTORY = new TargetId("directory");
  private static final ExpressionEnvironment ENVIRONMENT =
      ExpressionEnvironment.of(Set.of("givenName", "familyName", "employeeId"));

  private static UsernameGenerator generator(String expression, int maxLength) {
    return new UsernameGenerator(DIRECTORY, ENVIRONMENT.compileExpression(expression), maxLength);
  }

  private static Map<String, String> person(String givenName, String familyName) {
    return Map.of("givenName", givenName, "familyName", familyName, "employeeId", "E-1042");
  }

  @Test
  void foldsTheExpressionResult() {
    UsernameGenerator generator = generator("initial(givenName) + familyName", 20);

    assertThat(generator.generate(person("Zoë", "Ñúñez"), name -> false)).isEqualTo("znunez");
    assertThat(generator.generate(person("Øyvind", "O'Brien"), name -> false)).isEqualTo("oobrien");
    assertThat(generator.generate(person("Łukasz", "Straße"), name -> false)).isEqualTo("lstrasse");
  }

  @Test
  void truncatesToTheMaximumLength() {
    assertThat(
            generator("givenName + familyName", 8)
                .generate(person("Alexandra", "Papadopoulou"), name -> false))
        .isEqualTo("alexandr");
  }

  @Test
  void fallsBackToTheEmployeeIdWhenNothingLatinIsLeft() {
    UsernameGenerator generator = generator("familyName + givenName", 8);

    assertThat(generator.generate(person("小龍", "李"), name -> false)).isEqualTo("ue1042");
    assertThat(generator.preferred(Map.of("familyName", "李", "employeeId", "1234567890")))
        .isEqualTo("u1234567");
    assertThat(generator.preferred(Map.of("familyName", "李"))).isEqualTo("user");
    assertThat(generator.preferred(Map.of("familyName", "李", "employeeId", "—"))).isEqualTo("user");
  }

  @Test
  void numbersCollisionsWithinTheMaximumLength() {
    UsernameGenerator generator = generator("givenName + familyName", 8);
    Set<String> taken = new HashSet<>(Set.of("annaberg", "annaber2"));

    assertThat(generator.generate(person("Anna", "Berg"), taken::contains)).isEqualTo("annaber3");
    assertThat(generator.generate(person("Ann", "Li"), Set.of("annli")::contains))
        .isEqualTo("annli2");
  }

  @Test
  void numbersBeyondNineShortenTheNameFurther() {
    UsernameGenerator generator = generator("givenName", 5);
    Set<String> taken = new HashSet<>();
    taken.add("anna");
    for (int number = 2; number <= 9; number++) {
      taken.add("anna" + number);
    }

    assertThat(generator.generate(Map.of("givenName", "Anna"), taken::contains)).isEqualTo("ann10");
  }

  @Test
  void isDeterministic() {
    UsernameGenerator generator = generator("initial(givenName) + familyName", 12);
    Set<String> taken = Set.of("jsmith", "jsmith2");

    assertThat(generator.generate(person("John", "Smith"), taken::contains))
        .isEqualTo(generator.generate(person("John", "Smith"), taken::contains))
        .isEqualTo("jsmith3");
  }

  @Test
  void failsWhenNoNameFits() {
    UsernameGenerator generator = generator("givenName", 1);

    assertThatThrownBy(() -> generator.generate(Map.of("givenName", "Anna"), name -> true))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("target 'directory'")
        .hasMessageContaining("no free username for 'a'");
  }

  @Test
  void aFailingExpressionNamesTheTarget() {
    UsernameGenerator generator = generator("givenName.substring(0, 1) + familyName", 8);

    assertThatThrownBy(() -> generator.generate(Map.of(), name -> false))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("target 'directory' username")
        .hasMessageContaining("givenName.substring(0, 1) + familyName");
  }

  @Test
  void theMaximumLengthMustBePositive() {
    assertThatThrownBy(() -> generator("givenName", 0))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("at least 1");
  }
}
