package io.tenure.core.expression;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Map;
import java.util.Optional;

/** Runs a compiled CEL program against identity attributes. */
final class Evaluation {

  private Evaluation() {}

  static Object run(
      String source,
      CelRuntime.Program program,
      ExpressionEnvironment environment,
      Map<String, String> attributes) {
    try {
      return program.eval(
          name ->
              environment.declares(name)
                  ? Optional.of(environment.attributeValue(attributes, name))
                  : Optional.empty());
    } catch (CelEvaluationException exception) {
      throw new ExpressionException(
          source, "evaluation failed: " + exception.getMessage(), exception);
    } catch (RuntimeException exception) {
      throw new ExpressionException(
          source, "evaluation failed: " + exception.getMessage(), exception);
    }
  }
}
