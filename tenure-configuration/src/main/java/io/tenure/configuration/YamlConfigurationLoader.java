package io.tenure.configuration;

import io.tenure.configuration.YamlTree.Node;
import io.tenure.engine.configuration.TenureConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code tenure.yaml} into a validated {@link TenureConfiguration}.
 *
 * <p>Unknown keys are errors, so that a typo is never silently ignored. Every problem names the
 * file, line, column and key path, and one pass reports every problem of the file, sorted by line
 * and column. Secrets are given by reference: {@code ${env:NAME}} (an environment variable; a
 * missing one is an error) and {@code ${file:path}} (a file's content without the trailing line
 * break). Relative paths resolve against the configuration file's folder.
 *
 * <p>Under a target, every key Tenure itself does not use ({@code type}, {@code username}, {@code
 * usernameMaxLength}, {@code attributes}, {@code retention}, {@code guard}, {@code reconciliation},
 * {@code concurrency}, {@code rateLimit}) is a connector setting, flattened to dotted keys ({@code
 * accounts: {base: x}} becomes {@code accounts.base=x}; a list of values becomes one
 * comma-separated value); keys whose last part names a password, secret, token or credential are
 * secret.
 *
 * <p>A loader {@linkplain #compilingExpressions() compiling expressions} also compiles every CEL
 * expression as the engine will (rules' conditions, targets' username and attribute expressions),
 * so that an expression that does not compile is a problem of the file like any other, reported
 * before anything starts. Each section of the file is bound by its own class ({@code StoreBinder},
 * {@code SourceBinder}, {@code TargetBinder}, ...) over a tree whose every node knows its line and
 * column ({@code YamlTree}).
 */
public final class YamlConfigurationLoader {

  private final Function<String, @Nullable String> environment;
  private final Set<String> connectorTypes;
  private final ScimPathCheck scimPaths;
  private final boolean compileExpressions;
  private final Consumer<String> warnings;

  /**
   * @param environment looks up environment variables for {@code ${env:NAME}}
   * @param connectorTypes the connector types available; a target of another type is an error.
   *     Empty to accept any type.
   */
  public YamlConfigurationLoader(
      Function<String, @Nullable String> environment, Set<String> connectorTypes) {
    this(environment, connectorTypes, ScimPathCheck.none());
  }

  /**
   * @param scimPaths checks the {@code scim.mapping} paths against the SCIM User schemas
   */
  public YamlConfigurationLoader(
      Function<String, @Nullable String> environment,
      Set<String> connectorTypes,
      ScimPathCheck scimPaths) {
    this(environment, connectorTypes, scimPaths, false, YamlConfigurationLoader::log);
  }

  private YamlConfigurationLoader(
      Function<String, @Nullable String> environment,
      Set<String> connectorTypes,
      ScimPathCheck scimPaths,
      boolean compileExpressions,
      Consumer<String> warnings) {
    this.environment = environment;
    this.connectorTypes = Set.copyOf(connectorTypes);
    this.scimPaths = scimPaths;
    this.compileExpressions = compileExpressions;
    this.warnings = warnings;
  }

  private static void log(String warning) {
    System.getLogger(YamlConfigurationLoader.class.getName())
        .log(System.Logger.Level.WARNING, warning);
  }

  /**
   * This loader, telling {@code sink} each warning of a file it loads (a literal password, say),
   * one text per warning such as {@code tenure.yaml:14:15: targets.directory.password: a literal
   * secret ...}, in file order, after the file loaded. Without it, warnings are logged.
   */
  public YamlConfigurationLoader reportingWarningsTo(Consumer<String> sink) {
    return new YamlConfigurationLoader(
        environment, connectorTypes, scimPaths, compileExpressions, sink);
  }

  /** A loader reading the process's environment and accepting any connector type. */
  public static YamlConfigurationLoader withSystemEnvironment() {
    return new YamlConfigurationLoader(System::getenv, Set.of());
  }

  /**
   * This loader, also compiling every CEL expression of the file in the environment the engine's
   * policy uses (every identity attribute a source feeds or {@code scim.mapping} reads): {@code
   * rules[].when}, {@code targets.X.username} and {@code targets.X.attributes}. An expression that
   * does not compile is a problem at its value, such as {@code tenure.yaml:12:11:
   * rules.engineering.when: undeclared reference to 'departmnet' ...}. The application loads its
   * configuration this way; without it, expressions are compiled only when the policy is built.
   */
  public YamlConfigurationLoader compilingExpressions() {
    return new YamlConfigurationLoader(environment, connectorTypes, scimPaths, true, warnings);
  }

  /**
   * Loads and validates the file.
   *
   * @throws ConfigurationException listing every problem
   */
  public TenureConfiguration load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigurationException(
          List.of(
              file
                  + ": no such configuration file (name one with --config FILE; README.md shows a"
                  + " complete example, and ./tenure demo runs without one)"));
    } catch (IOException e) {
      throw new ConfigurationException(List.of(file + ": cannot be read: " + e.getMessage()));
    }
    Path folder = file.toAbsolutePath().getParent();
    return parse(text, file.toString(), folder == null ? Path.of("") : folder);
  }

  /**
   * Parses configuration text.
   *
   * @param displayName the file name used in messages
   * @param folder the folder relative paths resolve against
   * @throws ConfigurationException listing every problem
   */
  public TenureConfiguration parse(String yaml, String displayName, Path folder) {
    Problems problems = new Problems(displayName);
    Node root;
    try {
      root = YamlTree.parse(yaml);
    } catch (YamlTree.SyntaxException e) {
      problems.add(e.location(), "", e.getMessage());
      throw problems.exception();
    }
    Path base = folder.toAbsolutePath().normalize();
    NodeReader reader = new NodeReader(problems, new SecretReferences(environment, base, problems));
    ExpressionCheck expressions = new ExpressionCheck();
    TenureConfiguration configuration =
        new ConfigurationBinder(reader, base, connectorTypes, scimPaths, expressions).bind(root);
    if (compileExpressions) {
      expressions.check(configuration, reader);
    }
    problems.throwIfAny();
    problems.warnings().forEach(warnings);
    return configuration;
  }
}
