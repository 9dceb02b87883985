package io.tenure.configuration;

import io.tenure.configuration.YamlTree.Node;
import io.tenure.engine.configuration.LifecycleSettings;
import io.tenure.engine.configuration.RoleDefinition;
import io.tenure.engine.configuration.RuleDefinition;
import io.tenure.engine.configuration.ScimSettings;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.configuration.StoreSettings;
import io.tenure.engine.configuration.TargetDefinition;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.execution.QueueSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Binds the whole file: the top-level keys, each section by its binder, in an order where every
 * section finds what it refers to (targets know the sources, roles the targets, rules and {@code
 * scim} the roles, {@code authority} the sources). Each problem is reported where it is found and
 * binding goes on, so that one pass finds every problem; the configuration returned holds what
 * could be bound.
 */
final class ConfigurationBinder {

  private static final Set<String> TOP_LEVEL =
      Set.of(
          "store",
          "lifecycle",
          "queue",
          "sources",
          "targets",
          "roles",
          "rules",
          "scim",
          "authority",
          "sod",
          "notifications",
          "webhooks");

  private final NodeReader reader;
  private final SourceBinder sources;
  private final TargetBinder targets;
  private final RuleBinder rules;
  private final ScimBinder scim;

  /**
   * @param folder the folder relative paths resolve against
   * @param connectorTypes the installed connector types; empty to accept any
   * @param scimPaths checks {@code scim.mapping} paths
   * @param expressions receives every expression and declared identity attribute
   */
  ConfigurationBinder(
      NodeReader reader,
      Path folder,
      Set<String> connectorTypes,
      ScimPathCheck scimPaths,
      ExpressionCheck expressions) {
    this.reader = reader;
    this.sources = new SourceBinder(reader, folder, expressions);
    this.targets = new TargetBinder(reader, connectorTypes, expressions);
    this.rules = new RuleBinder(expressions);
    this.scim = new ScimBinder(scimPaths, expressions);
  }

  TenureConfiguration bind(Node root) {
    MappingReader top = reader.mapping(root, "");
    if (top == null) {
      return empty();
    }
    top.onlyKeys(TOP_LEVEL);
    StoreSettings store = StoreBinder.bind(top);
    LifecycleSettings lifecycle = LifecycleBinder.bind(top);
    QueueSettings queue = QueueBinder.bind(top);
    List<SourceDefinition> sourceDefinitions = new ArrayList<>();
    MappingReader sourceMap = top.optionalMapping("sources");
    if (sourceMap != null) {
      sourceMap
          .entries()
          .forEach(
              (name, entry) -> addIfBound(sourceDefinitions, sources.bind(name, entry.value())));
    }
    List<TargetDefinition> targetDefinitions = new ArrayList<>();
    MappingReader targetMap = top.optionalMapping("targets");
    if (targetMap != null) {
      targetMap
          .entries()
          .forEach(
              (name, entry) ->
                  addIfBound(
                      targetDefinitions, targets.bind(name, entry.value(), sourceDefinitions)));
    }
    Set<String> targetNames = targetMap == null ? Set.of() : targetMap.entries().keySet();
    List<RoleDefinition> roles = RoleBinder.bind(top, targetNames);
    List<RuleDefinition> ruleDefinitions = rules.bind(top, roles);
    ScimSettings scimSettings = scim.bind(top, roles);
    return new TenureConfiguration(
        store,
        lifecycle,
        queue,
        sourceDefinitions,
        targetDefinitions,
        roles,
        ruleDefinitions,
        scimSettings,
        AuthorityBinder.bind(top, sourceDefinitions),
        SodBinder.bind(top, roles),
        NotificationBinder.bind(top));
  }

  private static <T> void addIfBound(List<T> list, @Nullable T item) {
    if (item != null) {
      list.add(item);
    }
  }

  /** The configuration of an empty (or unusable) file. */
  private static TenureConfiguration empty() {
    return new TenureConfiguration(
        StoreSettings.embedded(),
        LifecycleSettings.defaults(),
        QueueSettings.defaults(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        ScimSettings.defaults());
  }
}
