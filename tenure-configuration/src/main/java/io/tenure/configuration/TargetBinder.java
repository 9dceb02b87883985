package io.tenure.configuration;

import static io.tenure.configuration.NodeReader.quote;

import io.tenure.configuration.YamlTree.Node;
import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.core.account.TargetId;
import io.tenure.engine.configuration.GuardSettings;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.configuration.TargetDefinition;
import io.tenure.engine.configuration.TargetThrottle;
import io.tenure.engine.reconciliation.ReconciliationSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * {@code targets.NAME}: a connected system. Tenure's own keys are {@link #KEYS}: the connector
 * {@code type}, the {@code username} and account {@code attributes} expressions (handed to the
 * {@link ExpressionCheck}), {@code usernameMaxLength}, {@code retention}, the mass-change {@code
 * guard}, the throttle ({@code concurrency}, {@code rateLimit}) and the {@linkplain
 * ReconciliationBinder reconciliation}; every other key is a {@linkplain ConnectorSettingsBinder
 * connector setting}.
 */
final class TargetBinder {

  /** The keys of a target that are Tenure's, not the connector's. */
  static final Set<String> KEYS =
      Set.of(
          "type",
          "username",
          "usernameMaxLength",
          "attributes",
          "retention",
          "guard",
          "reconciliation",
          "concurrency",
          "rateLimit");

  private static final Set<String> GUARD_KEYS =
      Set.of("maxDisablePercent", "maxDisableCount", "minDisableCount", "window");
  private static final int DEFAULT_USERNAME_MAX_LENGTH = 64;
  private static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

  private final NodeReader reader;
  private final Set<String> connectorTypes;
  private final ExpressionCheck expressions;

  /**
   * @param connectorTypes the installed connector types; empty to accept any type
   */
  TargetBinder(NodeReader reader, Set<String> connectorTypes, ExpressionCheck expressions) {
    this.reader = reader;
    this.connectorTypes = Set.copyOf(connectorTypes);
    this.expressions = expressions;
  }

  /**
   * The target named {@code name}, or {@code null} when it has problems that make it unusable.
   *
   * @param sources the configured sources, whose keys give the default correlation
   */
  @Nullable TargetDefinition bind(String name, Node node, List<SourceDefinition> sources) {
    MappingReader target = reader.mapping(node, "targets." + name);
    if (target == null) {
      return null;
    }
    String type = target.requiredString("type");
    if (type != null && !connectorTypes.isEmpty() && !connectorTypes.contains(type)) {
      target.problemAt(
          "type",
          quote(type) + " is not an installed connector type " + new TreeSet<>(connectorTypes));
    }
    String username = target.requiredString("username");
    if (username != null) {
      expressions.value(username, target.valueLocation("username"), target.pathOf("username"));
    }
    int maxLength = target.integer("usernameMaxLength", DEFAULT_USERNAME_MAX_LENGTH, 1, 1024);
    Map<String, String> attributes = target.stringMap("attributes", false);
    attributes.forEach(
        (attribute, expression) ->
            expressions.value(
                expression,
                target.valueLocation("attributes", attribute),
                target.pathOf("attributes") + "." + attribute));
    Duration retention = target.duration("retention", DEFAULT_RETENTION);
    GuardSettings guard = guard(target);
    ReconciliationSettings reconciliation =
        ReconciliationBinder.bind(
            target, ReconciliationBinder.defaultCorrelation(attributes, sources));
    ConnectorConfiguration connector = ConnectorSettingsBinder.bind(name, target);
    if (type == null || username == null) {
      return null;
    }
    TargetThrottle throttle =
        new TargetThrottle(
            target.integer("concurrency", TargetThrottle.defaults().concurrency(), 1, 256),
            target.integer("rateLimit", 0, 0, 1_000_000));
    return new TargetDefinition(
        new TargetId(name),
        type,
        connector,
        username,
        maxLength,
        attributes,
        retention,
        guard,
        throttle,
        reconciliation,
        reader.unresolvedSecrets(target.path()));
  }

  /**
   * {@code guard: {maxDisablePercent, maxDisableCount, minDisableCount, window}}: the mass-change
   * brake.
   */
  private static GuardSettings guard(MappingReader target) {
    GuardSettings defaults = GuardSettings.defaults();
    MappingReader guard = target.optionalMapping("guard");
    if (guard == null) {
      return defaults;
    }
    guard.onlyKeys(GUARD_KEYS);
    Duration window = guard.duration("window", defaults.window());
    return new GuardSettings(
        guard.integer("maxDisablePercent", defaults.maxDisablePercent(), 0, 100),
        guard.integer("maxDisableCount", defaults.maxDisableCount(), 0, Integer.MAX_VALUE),
        window.isNegative() ? defaults.window() : window,
        guard.integer("minDisableCount", defaults.minDisableCount(), 0, Integer.MAX_VALUE));
  }
}
