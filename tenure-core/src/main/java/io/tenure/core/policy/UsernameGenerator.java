package io.tenure.core.policy;

import io.tenure.core.account.TargetId;
import io.tenure.core.expression.CompiledExpression;
import io.tenure.core.expression.ExpressionException;
import io.tenure.core.expression.ExpressionFunctions;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Proposes a new account name on one target, from the target's username expression.
 *
 * <p>The rules, in order:
 *
 * <ol>
 *   <li>evaluate the username expression over the identity's attributes;
 *   <li>fold it as {@link ExpressionFunctions#username(String)} does (lower-case ASCII letters and
 *       digits only) and cut it to the maximum length;
 *   <li>if nothing is left (a name with no Latin form, such as {@code 李小龍}), use the fallback:
 *       {@code "u"} followed by the folded {@value #EMPLOYEE_ID_ATTRIBUTE} attribute if that has
 *       any letter or digit, otherwise {@value #FALLBACK_USERNAME}; cut to the maximum length;
 *   <li>if that name is taken, try the name followed by {@code 2}, {@code 3}, ... , shortening the
 *       name so that name and number fit the maximum length, and return the first free one.
 * </ol>
 *
 * <p>The result depends only on the attributes and on which names are taken: deterministic, no
 * randomness. <b>Stability is the caller's job</b>: a username, once given, must be stored and
 * reused; call this only for an identity that has no username on the target yet, since a changed
 * attribute (a new family name) gives a different proposal.
 *
 * <p>Immutable and thread-safe.
 */
public final class UsernameGenerator {

  /** The identity attribute the fallback username is made from. */
  public static final String EMPLOYEE_ID_ATTRIBUTE = "employeeId";

  /** The fallback username when neither the expression nor the employee id gives one. */
  public static final String FALLBACK_USERNAME = "user";

  private static final int MAXIMUM_ATTEMPTS = 100_000;

  private final TargetId target;
  private final CompiledExpression expression;
  private final int maxLength;

  /**
   * @param target the target the usernames are for (named in error messages)
   * @param expression the compiled username expression
   * @param maxLength the longest username the target accepts, at least 1
   */
  public UsernameGenerator(TargetId target, CompiledExpression expression, int maxLength) {
    this.target = Objects.requireNonNull(target, "target");
    this.expression = Objects.requireNonNull(expression, "expression");
    if (maxLength < 1) {
      throw new PolicyException(
          "target '" + target + "': username maximum length must be at least 1, not " + maxLength);
    }
    this.maxLength = maxLength;
  }

  /** The longest username this generator proposes. */
  public int maxLength() {
    return maxLength;
  }

  /**
   * The username this identity would get if no name were taken (steps 1 to 3 above).
   *
   * @throws PolicyException if the username expression fails to evaluate (naming the target)
   */
  public String preferred(Map<String, String> identityAttributes) {
    String evaluated;
    try {
      evaluated = expression.evaluate(identityAttributes);
    } catch (ExpressionException exception) {
      throw new PolicyException(
          "target '" + target + "' username: " + exception.getMessage(), exception);
    }
    String folded = cut(ExpressionFunctions.username(evaluated), maxLength);
    if (!folded.isEmpty()) {
      return folded;
    }
    String employeeId =
        ExpressionFunctions.username(identityAttributes.getOrDefault(EMPLOYEE_ID_ATTRIBUTE, ""));
    return cut(employeeId.isEmpty() ? FALLBACK_USERNAME : "u" + employeeId, maxLength);
  }

  /**
   * A username for this identity that {@code isTaken} says is free.
   *
   * @param identityAttributes the identity's attributes
   * @param isTaken whether a name is already used on the target (by anyone, including names
   *     reserved by earlier calls in the same run)
   * @throws PolicyException if the expression fails, or no free name fits the maximum length
   */
  public String generate(Map<String, String> identityAttributes, Predicate<String> isTaken) {
    String preferred = preferred(identityAttributes);
    if (!isTaken.test(preferred)) {
      return preferred;
    }
    for (int number = 2; number <= MAXIMUM_ATTEMPTS; number++) {
      String suffix = Integer.toString(number);
      if (suffix.length() > maxLength) {
        break;
      }
      String candidate = cut(preferred, maxLength - suffix.length()) + suffix;
      if (!isTaken.test(candidate)) {
        return candidate;
      }
    }
    throw new PolicyException(
        "target '"
            + target
            + "': no free username for '"
            + preferred
            + "' within "
            + maxLength
            + " characters");
  }

  private static String cut(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length);
  }

  @Override
  public String toString() {
    return "UsernameGenerator[" + target + ": " + expression.source() + ", max " + maxLength + "]";
  }
}
