package io.tenure.core.policy;

import io.tenure.core.account.TargetId;
import io.tenure.core.expression.CompiledExpression;
import io.tenure.core.expression.ExpressionEnvironment;
import io.tenure.core.expression.ExpressionException;
import io.tenure.core.source.ControlCharacters;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How accounts on one target are derived from identity attributes: the username expression and the
 * managed account attributes, each a CEL expression (see {@link ExpressionEnvironment}).
 * Expressions are compiled once, when this is built. Immutable and thread-safe.
 */
public final class TargetPolicy {

  private final TargetId target;
  private final String usernameExpression;
  private final SortedMap<String, String> attributeExpressions;
  private final int usernameMaxLength;
  private final SortedMap<String, CompiledExpression> compiledAttributes;
  private final UsernameGenerator usernameGenerator;

  /**
   * Compiles a target policy.
   *
   * @param environment the environment to compile in
   * @param target the target
   * @param usernameExpression the username expression, for example {@code initial(givenName) +
   *     familyName}
   * @param attributeExpressions account attribute name to expression, for example {@code cn ->
   *     givenName + ' ' + familyName}
   * @param usernameMaxLength the longest username the target accepts, at least 1
   * @throws PolicyException if an expression does not compile (naming the target and the attribute,
   *     with the {@link ExpressionException} as cause) or the length is not positive
   */
  public TargetPolicy(
      ExpressionEnvironment environment,
      TargetId target,
      String usernameExpression,
      Map<String, String> attributeExpressions,
      int usernameMaxLength) {
    this.target = Objects.requireNonNull(target, "target");
    this.usernameExpression = Objects.requireNonNull(usernameExpression, "usernameExpression");
    this.attributeExpressions =
        Collections.unmodifiableSortedMap(new TreeMap<>(attributeExpressions));
    this.usernameMaxLength = usernameMaxLength;
    SortedMap<String, CompiledExpression> compiled = new TreeMap<>();
    this.attributeExpressions.forEach(
        (attribute, source) -> {
          if (attribute.isBlank()) {
            throw new PolicyException("target '" + target + "' has a blank attribute name");
          }
          compiled.put(attribute, compile(environment, "attribute '" + attribute + "'", source));
        });
    this.compiledAttributes = Collections.unmodifiableSortedMap(compiled);
    this.usernameGenerator =
        new UsernameGenerator(
            target, compile(environment, "username", usernameExpression), usernameMaxLength);
  }

  private CompiledExpression compile(
      ExpressionEnvironment environment, String what, String source) {
    try {
      return environment.compileExpression(source);
    } catch (ExpressionException exception) {
      throw new PolicyException(
          "target '" + target + "' " + what + ": " + exception.getMessage(), exception);
    }
  }

  /** The target. */
  public TargetId target() {
    return target;
  }

  /** The username expression's source text. */
  public String usernameExpression() {
    return usernameExpression;
  }

  /** Account attribute name to expression source text, sorted by attribute name. */
  public SortedMap<String, String> attributeExpressions() {
    return attributeExpressions;
  }

  /** The longest username the target accepts. */
  public int usernameMaxLength() {
    return usernameMaxLength;
  }

  /** The generator of new usernames on this target. */
  public UsernameGenerator usernameGenerator() {
    return usernameGenerator;
  }

  /**
   * The managed account attributes for an identity, sorted by name; an attribute whose value is
   * blank is left out. Control characters ({@link ControlCharacters}: NUL, ESC, DEL, C1 controls,
   * ...) never reach a target: the sources refuse values that hold one, and any left in an identity
   * stored before they did are removed here.
   *
   * @throws PolicyException if an expression fails to evaluate (naming the target and the
   *     attribute, with the {@link ExpressionException} as cause)
   */
  public SortedMap<String, String> attributes(Map<String, String> identityAttributes) {
    SortedMap<String, String> values = new TreeMap<>();
    compiledAttributes.forEach(
        (attribute, expression) -> {
          String value;
          try {
            value = expression.evaluate(identityAttributes);
          } catch (ExpressionException exception) {
            throw new PolicyException(
                "target '" + target + "' attribute '" + attribute + "': " + exception.getMessage(),
                exception);
          }
          value = ControlCharacters.removed(value);
          if (!value.isBlank()) {
            values.put(attribute, value);
          }
        });
    return Collections.unmodifiableSortedMap(values);
  }

  @Override
  public String toString() {
    return "TargetPolicy[" + target + "]";
  }
}
