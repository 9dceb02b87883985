package io.tenure.core.expression;

import dev.cel.runtime.CelRuntime;
import java.util.Map;

/**
 * A boolean expression over identity attributes, compiled once by {@link
 * ExpressionEnvironment#compileCondition(String)}. Immutable and thread-safe; evaluation does not
 * recompile.
 */
public final class CompiledCondition {

  private final String source;
  private final CelRuntime.Program program;
  private final ExpressionEnvironment environment;

  CompiledCondition(String source, CelRuntime.Program program, ExpressionEnvironment environment) {
    this.source = source;
    this.program = program;
    this.environment = environment;
  }

  /** The source text, as written in the configuration. */
  public String source() {
    return source;
  }

  /**
   * Evaluates the condition. Attributes the identity does not have are {@code ""}; attributes the
   * environment does not declare are ignored.
   *
   * @throws ExpressionException if evaluation fails or yields something other than a boolean
   */
  public boolean test(Map<String, String> attributes) {
    Object result = Evaluation.run(source, program, environment, attributes);
    if (result instanceof Boolean value) {
      return value;
    }
    throw new ExpressionException(
        source,
        "a condition must yield a boolean, but this yielded "
            + result.getClass().getSimpleName()
            + " "
            + result);
  }

  @Override
  public String toString() {
    return source;
  }
}
