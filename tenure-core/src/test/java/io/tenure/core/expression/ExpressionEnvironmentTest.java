package io.tenure.core.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ExpressionEnvironmentTest {

  private final ExpressionEnvironment environment =
      ExpressionEnvironment.of(
          Set.of("department", "employmentType", "givenName", "familyName", "employeeId"));

  @Test
  void declaresAttributesAsStringVariables() {
    CompiledCondition condition =
        environment.compileCondition("department == 'Engineering' && employmentType != 'intern'");

    assertThat(condition.test(Map.of("department", "Engineering"))).isTrue();
    assertThat(condition.test(Map.of("department", "Engineering", "employmentType", "intern")))
        .isFalse();
    assertThat(condition.test(Map.of("department", "Sales"))).isFalse();
    assertThat(environment.attributeNames())
        .containsExactly("department", "employeeId", "employmentType", "familyName", "givenName");
  }

  @Test
  void absentAttributesAreEmptyStrings() {
    assertThat(environment.compileCondition("department == ''").test(Map.of())).isTrue();
    assertThat(environment.compileExpression("givenName + '.' + familyName").evaluate(Map.of()))
        .isEqualTo(".");
  }

  @Test
  void undeclaredAttributesInTheInputAreIgnored() {
    assertThat(
            environment
                .compileExpression("givenName")
                .evaluate(Map.of("givenName", "Anna", "shoeSize", "38")))
        .isEqualTo("Anna");
  }

  @Test
  void aMisspeltAttributeIsACompileErrorNamingIt() {
    assertThatThrownBy(() -> environment.compileCondition("departmnet == 'Engineering'"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("departmnet == 'Engineering'")
        .hasMessageContaining("undeclared reference to 'departmnet'")
        .satisfies(
            thrown -> {
              ExpressionException exception = (ExpressionException) thrown;
              assertThat(exception.source()).isEqualTo("departmnet == 'Engineering'");
              assertThat(exception.problem()).contains("column 1");
            });
  }

  @Test
  void aSyntaxErrorIsACompileError() {
    assertThatThrownBy(() -> environment.compileExpression("givenName +"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("givenName +");
  }

  @Test
  void anEmptyExpressionIsACompileError() {
    assertThatThrownBy(() -> environment.compileExpression(" "))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void aConditionThatIsNotBooleanIsACompileError() {
    assertThatThrownBy(() -> environment.compileCondition("department + 'x'"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("must yield a boolean")
        .hasMessageContaining("string");
  }

  @Test
  void aConditionThatYieldsANonBooleanDynamicValueFailsAtEvaluation() {
    CompiledCondition condition = environment.compileCondition("dyn(department)");

    assertThatThrownBy(() -> condition.test(Map.of("department", "Sales")))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("dyn(department)")
        .hasMessageContaining("must yield a boolean");
  }

  @Test
  void anExpressionYieldingAListIsACompileError() {
    assertThatThrownBy(() -> environment.compileExpression("givenName.split(' ')"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("string, number or boolean");
  }

  @Test
  void numbersAndBooleansBecomeText() {
    assertThat(
            environment.compileExpression("size(givenName)").evaluate(Map.of("givenName", "Zoë")))
        .isEqualTo("3");
    assertThat(environment.compileExpression("givenName == ''").evaluate(Map.of()))
        .isEqualTo("true");
    assertThat(environment.compileExpression("1.5 * 2.0").evaluate(Map.of())).isEqualTo("3.0");
    assertThat(environment.compileExpression("3u").evaluate(Map.of())).isEqualTo("3");
  }

  @Test
  void evaluationErrorsNameTheExpression() {
    CompiledExpression expression = environment.compileExpression("givenName.substring(0, 1)");

    assertThat(expression.evaluate(Map.of("givenName", "Anna"))).isEqualTo("A");
    assertThatThrownBy(() -> expression.evaluate(Map.of()))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("givenName.substring(0, 1)")
        .hasMessageContaining("evaluation failed");
  }

  @Test
  void tenureFunctionsAreAvailable() {
    Map<String, String> zoe = Map.of("givenName", "Zoë", "familyName", "O'Brien-Ñúñez");

    assertThat(environment.compileExpression("ascii(givenName)").evaluate(zoe)).isEqualTo("Zoe");
    assertThat(
            environment
                .compileExpression("username(initial(givenName) + familyName)")
                .evaluate(zoe))
        .isEqualTo("zobriennunez");
    assertThat(environment.compileExpression("initial(familyName)").evaluate(zoe)).isEqualTo("O");
  }

  @Test
  void theStringsExtensionIsAvailable() {
    assertThat(
            environment
                .compileCondition("givenName.lowerAscii().startsWith('a')")
                .test(Map.of("givenName", "Anna")))
        .isTrue();
    assertThat(
            environment
                .compileExpression("familyName.upperAscii() + ', ' + givenName.trim()")
                .evaluate(Map.of("givenName", " Anna ", "familyName", "Berg")))
        .isEqualTo("BERG, Anna");
  }

  @Test
  void attributeNamesMustBeIdentifiers() {
    assertThatThrownBy(() -> ExpressionEnvironment.of(Set.of("hire-date")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'hire-date'");
    assertThatThrownBy(() -> ExpressionEnvironment.of(Set.of("in")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'in'");
  }

  @Test
  void anAttributeNameProblemIsWhatTheEnvironmentWouldRefuse() {
    assertThat(ExpressionEnvironment.attributeNameProblem("hireDate")).isEmpty();
    assertThat(ExpressionEnvironment.attributeNameProblem("_x1")).isEmpty();
    assertThat(ExpressionEnvironment.attributeNameProblem("hire-date"))
        .hasValueSatisfying(problem -> assertThat(problem).contains("'hire-date'"));
    assertThat(ExpressionEnvironment.attributeNameProblem("in")).isPresent();
    assertThatThrownBy(() -> ExpressionEnvironment.of(Set.of("hire-date")))
        .hasMessage(ExpressionEnvironment.attributeNameProblem("hire-date").orElseThrow());
  }

  @Test
  void compiledExpressionsAreSafeToShareBetweenThreads() throws Exception {
    CompiledExpression expression =
        environment.compileExpression("username(initial(givenName) + familyName)");
    ExecutorService executor = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Boolean>> tasks = new ArrayList<>();
      for (int task = 0; task < 8; task++) {
        int offset = task;
        tasks.add(
            () -> {
              for (int index = 0; index < 2_000; index++) {
                String family = "Berg" + (index + offset);
                String result =
                    expression.evaluate(Map.of("givenName", "Anna", "familyName", family));
                if (!result.equals("aberg" + (index + offset))) {
                  return false;
                }
              }
              return true;
            });
      }
      for (Future<Boolean> result : executor.invokeAll(tasks)) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void theSameNamesGiveTheSameEnvironmentAndAnExpressionIsCompiledOnceInIt() {
    ExpressionEnvironment again =
        ExpressionEnvironment.of(
            Set.of("employeeId", "familyName", "givenName", "employmentType", "department"));
    assertThat(again).isSameAs(environment);
    assertThat(ExpressionEnvironment.of(Set.of("department"))).isNotSameAs(environment);

    CompiledCondition condition = environment.compileCondition("department == 'Sales'");
    assertThat(again.compileCondition("department == 'Sales'")).isSameAs(condition);
    CompiledExpression value = environment.compileExpression("department == 'Sales'");
    assertThat(value.evaluate(Map.of("department", "Sales"))).isEqualTo("true");
    assertThat(again.compileExpression("department == 'Sales'")).isSameAs(value);
    // what does not compile is refused every time, never kept
    for (int attempt = 0; attempt < 2; attempt++) {
      assertThatThrownBy(() -> again.compileCondition("departmnet == 'Sales'"))
          .isInstanceOf(ExpressionException.class)
          .hasMessageContaining("departmnet");
      assertThatThrownBy(() -> again.compileCondition("givenName"))
          .isInstanceOf(ExpressionException.class)
          .hasMessageContaining("boolean");
    }
  }

  @Test
  void onlyTheLastFewEnvironmentsAreKept() {
    ExpressionEnvironment first = ExpressionEnvironment.of(Set.of("kept0"));
    for (int number = 1; number <= ExpressionEnvironment.ENVIRONMENTS_KEPT; number++) {
      ExpressionEnvironment.of(Set.of("kept" + number));
    }
    ExpressionEnvironment again = ExpressionEnvironment.of(Set.of("kept0"));
    assertThat(again).isNotSameAs(first);
    assertThat(again.compileCondition("kept0 == 'x'").test(Map.of("kept0", "x"))).isTrue();
  }
}
