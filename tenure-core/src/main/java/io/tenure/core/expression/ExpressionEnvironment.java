package io.tenure.core.expression;

import com.google.common.collect.ImmutableList;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The environment expressions are compiled in: every identity attribute name the configuration
 * knows is a variable of type {@code string}, so {@code department == 'Engineering'} is written
 * bare and a misspelt name ({@code departmnet}) is a compile error naming it. An attribute an
 * identity does not have evaluates as {@code ""}.
 *
 * <p>Available: the CEL standard library and macros, the CEL strings extension ({@code
 * s.lowerAscii()}, {@code s.substring(0, 1)}, {@code s.split(' ')}, ...), and the Tenure functions
 * {@code ascii(s)}, {@code username(s)} and {@code initial(s)} described in {@link
 * ExpressionFunctions}.
 *
 * <p>Immutable and thread-safe. Compiling is comparatively expensive; compile each expression once
 * (at configuration load) and evaluate the result many times. The environments of the last few sets
 * of names are kept ({@link #of} gives the same environment for the same names), and each
 * environment keeps what it compiled: the configuration's check at load and the policy built from
 * it compile the same expressions in the same environment, and the second compile is a look-up.
 * What does not compile is not kept (it throws each time).
 */
public final class ExpressionEnvironment {

  private static final Pattern IDENTIFIER = Pattern.compile("[_a-zA-Z][_a-zA-Z0-9]*");

  private static final Set<String> RESERVED_WORDS =
      Set.of(
          "true",
          "false",
          "null",
          "in",
          "as",
          "break",
          "const",
          "continue",
          "else",
          "for",
          "function",
          "if",
          "import",
          "let",
          "loop",
          "package",
          "namespace",
          "return",
          "var",
          "void",
          "while");

  private static final Set<CelKind> VALUE_KINDS =
      EnumSet.of(
          CelKind.STRING, CelKind.INT, CelKind.UINT, CelKind.DOUBLE, CelKind.BOOL, CelKind.DYN);

  /** How many environments {@link #of} keeps, the most recently used. */
  static final int ENVIRONMENTS_KEPT = 8;

  /** How many compiled expressions (and as many conditions) an environment keeps at most. */
  static final int COMPILED_KEPT = 4_096;

  private static final Map<SortedSet<String>, ExpressionEnvironment> KEPT =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(
                Map.Entry<SortedSet<String>, ExpressionEnvironment> eldest) {
              return size() > ENVIRONMENTS_KEPT;
            }
          });

  private final SortedSet<String> attributeNames;
  private final Cel cel;
  private final Map<String, CompiledCondition> conditions = new ConcurrentHashMap<>();
  private final Map<String, CompiledExpression> expressions = new ConcurrentHashMap<>();

  private ExpressionEnvironment(SortedSet<String> attributeNames, Cel cel) {
    this.attributeNames = Collections.unmodifiableSortedSet(attributeNames);
    this.cel = cel;
  }

  /**
   * An environment declaring the given identity attribute names as string variables.
   *
   * @throws IllegalArgumentException if a name is not a valid CEL identifier ({@code
   *     [_a-zA-Z][_a-zA-Z0-9]*}, not a reserved word); the message names it
   */
  public static ExpressionEnvironment of(Set<String> attributeNames) {
    SortedSet<String> names = new TreeSet<>();
    for (String name : attributeNames) {
      Optional<String> problem = attributeNameProblem(name);
      if (problem.isPresent()) {
        throw new IllegalArgumentException(problem.get());
      }
      names.add(name);
    }
    return KEPT.computeIfAbsent(names, ExpressionEnvironment::build);
  }

  private static ExpressionEnvironment build(SortedSet<String> names) {
    var builder =
        CelFactory.standardCelBuilder()
            .setOptions(CelOptions.current().comprehensionMaxIterations(10_000).build())
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addCompilerLibraries(CelExtensions.strings())
            .addRuntimeLibraries(CelExtensions.strings());
    for (String name : names) {
      builder.addVar(name, SimpleType.STRING);
    }
    addStringFunction(builder, "ascii", ExpressionFunctions::ascii, "folds text to ASCII");
    addStringFunction(
        builder,
        "username",
        ExpressionFunctions::username,
        "folds text to lower-case ASCII letters and digits");
    addStringFunction(
        builder, "initial", ExpressionFunctions::initial, "the first letter of the text, or ''");
    return new ExpressionEnvironment(names, builder.build());
  }

  /**
   * What is wrong with declaring {@code name} as an attribute (it must be a CEL identifier, {@code
   * [_a-zA-Z][_a-zA-Z0-9]*}, and not a reserved word), or empty if it can be declared. {@link
   * #of(Set)} refuses a name exactly when this gives a problem, with this message.
   */
  public static Optional<String> attributeNameProblem(String name) {
    if (IDENTIFIER.matcher(name).matches() && !RESERVED_WORDS.contains(name)) {
      return Optional.empty();
    }
    return Optional.of(
        "attribute name '"
            + name
            + "' cannot be used in expressions: it must be letters, digits and underscores,"
            + " start with a letter or underscore, and not be a reserved word");
  }

  private static void addStringFunction(
      CelBuilder builder, String name, UnaryOperator<String> function, String documentation) {
    String overloadId = "tenure_" + name + "_string";
    builder.addFunctionDeclarations(
        CelFunctionDecl.newFunctionDeclaration(
            name,
            CelOverloadDecl.newBuilder()
                .setOverloadId(overloadId)
                .setResultType(SimpleType.STRING)
                .addParameterTypes(SimpleType.STRING)
                .setIsInstanceFunction(false)
                .setDoc(documentation)
                .build()));
    builder.addFunctionBindings(CelFunctionBinding.from(overloadId, String.class, function::apply));
  }

  /** The declared attribute names, sorted. */
  public SortedSet<String> attributeNames() {
    return attributeNames;
  }

  /**
   * Compiles a condition: an expression that yields a boolean.
   *
   * @throws ExpressionException if it does not compile, or its type is known not to be boolean
   */
  public CompiledCondition compileCondition(String source) {
    CompiledCondition kept = conditions.get(source);
    if (kept != null) {
      return kept;
    }
    CelAbstractSyntaxTree tree = check(source);
    CelKind kind = tree.getResultType().kind();
    if (kind != CelKind.BOOL && kind != CelKind.DYN) {
      throw new ExpressionException(
          source,
          "a condition must yield a boolean, but this yields " + tree.getResultType().name());
    }
    return keep(conditions, source, new CompiledCondition(source, program(source, tree), this));
  }

  /**
   * Compiles a value expression: its result is a string, or a number or boolean converted to a
   * string.
   *
   * @throws ExpressionException if it does not compile, or its type is known to be something else
   *     (a list, a map, bytes, a timestamp, ...)
   */
  public CompiledExpression compileExpression(String source) {
    CompiledExpression kept = expressions.get(source);
    if (kept != null) {
      return kept;
    }
    CelAbstractSyntaxTree tree = check(source);
    if (!VALUE_KINDS.contains(tree.getResultType().kind())) {
      throw new ExpressionException(
          source,
          "an expression must yield a string, number or boolean, but this yields "
              + tree.getResultType().name());
    }
    return keep(expressions, source, new CompiledExpression(source, program(source, tree), this));
  }

  private static <T> T keep(Map<String, T> kept, String source, T compiled) {
    if (kept.size() < COMPILED_KEPT) {
      T earlier = kept.putIfAbsent(source, compiled);
      return earlier == null ? compiled : earlier;
    }
    return compiled;
  }

  /**
   * The variables an expression reads (attribute or column names), sorted; names bound inside it by
   * a macro ({@code x} in {@code list.exists(x, ...)}) are not included. Only parses: the names
   * need not be declared anywhere, so a reader can learn which columns an expression needs before
   * it knows which exist.
   *
   * @throws ExpressionException if the expression does not parse
   */
  public static SortedSet<String> referencedNames(String source) {
    if (source.isBlank()) {
      throw new ExpressionException(source, "the expression is empty");
    }
    CelValidationResult result = ReferenceParser.CEL.parse(source);
    CelAbstractSyntaxTree tree;
    try {
      tree = result.getAst();
    } catch (CelValidationException exception) {
      throw new ExpressionException(source, describe(exception.getErrors()), exception);
    }
    Set<String> bound = new HashSet<>();
    SortedSet<String> names = new TreeSet<>();
    CelNavigableAst.fromAst(tree)
        .getRoot()
        .allNodes()
        .map(CelNavigableExpr::expr)
        .forEach(
            expression -> {
              if (expression.getKind() == CelExpr.ExprKind.Kind.COMPREHENSION) {
                bound.add(expression.comprehension().iterVar());
                bound.add(expression.comprehension().iterVar2());
                bound.add(expression.comprehension().accuVar());
              } else if (expression.getKind() == CelExpr.ExprKind.Kind.IDENT) {
                names.add(expression.ident().name());
              }
            });
    names.removeAll(bound);
    return Collections.unmodifiableSortedSet(names);
  }

  /** A parser with the same macros and extensions as every environment, declaring nothing. */
  private static final class ReferenceParser {
    static final Cel CEL =
        CelFactory.standardCelBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addCompilerLibraries(CelExtensions.strings())
            .build();
  }

  private CelAbstractSyntaxTree check(String source) {
    if (source.isBlank()) {
      throw new ExpressionException(source, "the expression is empty");
    }
    CelValidationResult result = cel.compile(source);
    if (result.hasError()) {
      throw new ExpressionException(source, describe(result.getErrors()));
    }
    try {
      return result.getAst();
    } catch (CelValidationException exception) {
      throw new ExpressionException(source, describe(exception.getErrors()), exception);
    }
  }

  private CelRuntime.Program program(String source, CelAbstractSyntaxTree tree) {
    try {
      return cel.createProgram(tree);
    } catch (CelEvaluationException exception) {
      throw new ExpressionException(source, exception.getMessage(), exception);
    }
  }

  private static String describe(ImmutableList<CelIssue> issues) {
    return issues.stream()
        .map(
            issue ->
                issue.getMessage()
                    + " (line "
                    + issue.getSourceLocation().getLine()
                    + ", column "
                    + (issue.getSourceLocation().getColumn() + 1)
                    + ")")
        .collect(Collectors.joining("; "));
  }

  /** The value of an attribute for evaluation: the given value, or {@code ""} if absent. */
  Object attributeValue(Map<String, String> attributes, String name) {
    String value = attributes.get(name);
    return value == null ? "" : value;
  }

  boolean declares(String name) {
    return attributeNames.contains(name);
  }

  @Override
  public String toString() {
    return "ExpressionEnvironment" + attributeNames;
  }
}
