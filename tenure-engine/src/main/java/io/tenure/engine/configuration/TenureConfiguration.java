package io.tenure.engine.configuration;

import io.tenure.engine.execution.QueueSettings;
import java.util.List;
import java.util.Optional;

/**
 * The whole validated configuration of a Tenure installation: where the store is, the lifecycle
 * rules, how the durable queue's workers behave, the authoritative sources, the targets, roles and
 * birthright rules. Built by a loader (YAML in the server); every value here has already been
 * checked for presence and syntax, and names are unique. Last, how the SCIM server reads pushed
 * Users beyond its fixed mapping.
 */
public record TenureConfiguration(
    StoreSettings store,
    LifecycleSettings lifecycle,
    QueueSettings queue,
    List<SourceDefinition> sources,
    List<TargetDefinition> targets,
    List<RoleDefinition> roles,
    List<RuleDefinition> rules,
    ScimSettings scim) {

  public TenureConfiguration {
    sources = List.copyOf(sources);
    targets = List.copyOf(targets);
    roles = List.copyOf(roles);
    rules = List.copyOf(rules);
  }

  /** The source with that name. */
  public Optional<SourceDefinition> source(String name) {
    return sources.stream().filter(source -> source.name().equals(name)).findFirst();
  }
}
