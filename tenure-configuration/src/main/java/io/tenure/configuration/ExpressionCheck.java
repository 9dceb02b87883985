package io.tenure.configuration;

import io.tenure.configuration.YamlTree.Location;
import io.tenure.core.expression.ExpressionEnvironment;
import io.tenure.core.expression.ExpressionException;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.planning.ConfiguredPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The CEL expressions of the file, compiled at load as the engine compiles them: rules' {@code
 * when} conditions and targets' {@code username} and {@code attributes} expressions. The binders
 * hand each over with its place while they read the file; {@link #check} then compiles them all in
 * the environment the engine's {@link ConfiguredPolicy} uses ({@link
 * ConfiguredPolicy#expressionAttributes}: every identity attribute some source feeds, and those of
 * {@code scim.mapping}). What does not compile (a misspelt attribute, a syntax error, a result of
 * the wrong type) is a problem at the expression, such as {@code tenure.yaml:12:11:
 * rules.engineering.when: undeclared reference to 'departmnet' ...}; an identity attribute whose
 * name cannot be declared in CEL is a problem at its key.
 *
 * <p>Sources' computed attributes are not checked here: they are expressions over the columns of
 * the source's file, which are known only when the file is read.
 */
final class ExpressionCheck {

  private enum Kind {
    CONDITION,
    VALUE
  }

  private record Expression(Kind kind, String source, Location location, String path) {}

  private record Declaration(String attribute, Location location, String path) {}

  private final List<Expression> expressions = new ArrayList<>();
  private final List<Declaration> declarations = new ArrayList<>();

  /** An identity attribute the file feeds (a source's or {@code scim.mapping}'s key). */
  void declare(String attribute, Location location, String path) {
    declarations.add(new Declaration(attribute, location, path));
  }

  /** A condition, which must yield a boolean. */
  void condition(String source, Location location, String path) {
    expressions.add(new Expression(Kind.CONDITION, source, location, path));
  }

  /** A value expression, which must yield a string, number or boolean. */
  void value(String source, Location location, String path) {
    expressions.add(new Expression(Kind.VALUE, source, location, path));
  }

  /**
   * Compiles every expression handed over, reporting what fails.
   *
   * @param configuration what was bound of the file; its attributes are declared, and so is every
   *     attribute handed over (of a source with problems too, so that its problems are not repeated
   *     at every expression naming its attributes)
   */
  void check(TenureConfiguration configuration, NodeReader reader) {
    Set<String> attributes = new TreeSet<>(ConfiguredPolicy.expressionAttributes(configuration));
    declarations.forEach(declaration -> attributes.add(declaration.attribute()));
    Set<String> declarable = new TreeSet<>();
    for (String attribute : attributes) {
      Optional<String> problem = ExpressionEnvironment.attributeNameProblem(attribute);
      if (problem.isEmpty()) {
        declarable.add(attribute);
      } else {
        reportAtDeclarations(reader, attribute, problem.get());
      }
    }
    if (expressions.isEmpty()) {
      return;
    }
    ExpressionEnvironment environment = ExpressionEnvironment.of(declarable);
    for (Expression expression : expressions) {
      try {
        if (expression.kind() == Kind.CONDITION) {
          environment.compileCondition(expression.source());
        } else {
          environment.compileExpression(expression.source());
        }
      } catch (ExpressionException e) {
        reader.problem(expression.location(), expression.path(), oneLine(e.problem()));
      }
    }
  }

  private void reportAtDeclarations(NodeReader reader, String attribute, String problem) {
    boolean reported = false;
    for (Declaration declaration : declarations) {
      if (declaration.attribute().equals(attribute)) {
        reader.problem(declaration.location(), declaration.path(), problem);
        reported = true;
      }
    }
    if (!reported) {
      reader.problem(new Location(1, 1), "", problem);
    }
  }

  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
