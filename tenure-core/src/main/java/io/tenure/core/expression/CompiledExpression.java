package io.tenure.core.expression;

import com.google.common.primitives.UnsignedLong;
import dev.cel.runtime.CelRuntime;
import java.util.Map;

/**
 * A value expression over identity attributes, compiled once by {@link
 * ExpressionEnvironment#compileExpression(String)}. Its result is a string; a number or boolean
 * result is converted with its usual decimal or {@code true}/{@code false} text. Immutable and
 * thread-safe; evaluation does not recompile.
 */
public final class CompiledExpression {

  private final String source;
  private final CelRuntime.Program program;
  private final ExpressionEnvironment environment;

  CompiledExpression(String source, CelRuntime.Program program, ExpressionEnvironment environment) {
    this.source = source;
    this.program = program;
    this.environment = environment;
  }

  /** The source text, as written in the configuration. */
  public String source() {
    return source;
  }

  /**
   * Evaluates the expression. Attributes the identity does not have are {@code ""}; attributes the
   * environment does not declare are ignored.
   *
   * @throws ExpressionException if evaluation fails or yields something that is not a string,
   *     number or boolean
   */
  public String evaluate(Map<String, String> attributes) {
    Object result = Evaluation.run(source, program, environment, attributes);
    if (result instanceof String text) {
      return text;
    }
    if (result instanceof Long
        || result instanceof Double
        || result instanceof Boolean
        || result instanceof UnsignedLong) {
      return result.toString();
    }
    throw new ExpressionException(
        source,
        "an expression must yield a string, number or boolean, but this yielded "
            + result.getClass().getSimpleName()
            + " "
            + result);
  }

  @Override
  public String toString() {
    return source;
  }
}
