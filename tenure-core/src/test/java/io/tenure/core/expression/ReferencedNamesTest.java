package io.tenure.core.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReferencedNamesTest {

  @Test
  void theNamesAnExpressionReadsAreFoundWithoutDeclaringThem() {
    assertThat(
            ExpressionEnvironment.referencedNames(
                "department == 'Sales' && title.endsWith('Manager') || ascii(givenName) == ''"))
        .containsExactly("department", "givenName", "title");
  }

  @Test
  void namesBoundByAMacroAreNotReferences() {
    assertThat(
            ExpressionEnvironment.referencedNames(
                "groups.split(',').exists(group, group == region)"))
        .containsExactly("groups", "region");
  }

  @Test
  void anExpressionThatDoesNotParseIsAnError() {
    assertThatThrownBy(() -> ExpressionEnvironment.referencedNames("department =="))
        .isInstanceOf(ExpressionException.class);
  }
}
