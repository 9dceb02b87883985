package io.tenure.core.expression;

import org.jspecify.annotations.Nullable;

/**
 * An expression could not be compiled, or failed while being evaluated. The message names the
 * expression's source text and what is wrong with it.
 */
public final class ExpressionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final String problem;

  /**
   * @param source the expression's source text, as written in the configuration
   * @param problem what is wrong, without the source text (for example {@code "undeclared reference
   *     to 'departmnet'"})
   */
  public ExpressionException(String source, String problem) {
    this(source, problem, null);
  }

  /**
   * @param source the expression's source text
   * @param problem what is wrong, without the source text
   * @param cause the underlying failure, if any
   */
  public ExpressionException(String source, String problem, @Nullable Throwable cause) {
    super("expression `" + source + "`: " + problem, cause);
    this.source = source;
    this.problem = problem;
  }

  /** The expression's source text. */
  public String source() {
    return source;
  }

  /** What is wrong, without the source text. */
  public String problem() {
    return problem;
  }
}
