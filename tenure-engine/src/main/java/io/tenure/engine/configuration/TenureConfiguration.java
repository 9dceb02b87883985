package io.tenure.engine.configuration;

import io.tenure.core.source.AttributeAuthority;
import io.tenure.engine.execution.QueueSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The whole validated configuration of a Tenure installation: where the store is, the lifecycle
 * rules, how the durable queue's workers behave, the authoritative sources, the targets, roles and
 * birthright rules. Built by a loader (YAML in the server); every value here has already been
 * checked for presence and syntax, and names are unique. Then how the SCIM server reads pushed
 * Users beyond its fixed mapping, and last which source each identity attribute is taken from
 * ({@code authority}: per attribute, or {@value #DEFAULT_AUTHORITY} for all others, the source
 * names in the order they are trusted; SCIM pushes are the source {@value #SCIM_SOURCE}), and the
 * separation-of-duties rules ({@code sod}) and whom to tell what ({@code notifications}, {@code
 * webhooks}).
 */
public record TenureConfiguration(
    StoreSettings store,
    LifecycleSettings lifecycle,
    QueueSettings queue,
    List<SourceDefinition> sources,
    List<TargetDefinition> targets,
    List<RoleDefinition> roles,
    List<RuleDefinition> rules,
    ScimSettings scim,
    Map<String, List<String>> authority,
    List<SodRuleDefinition> sod,
    NotificationSettings notifications) {

  /** The source name of identities' data pushed over SCIM. */
  public static final String SCIM_SOURCE = "scim";

  /** The key of {@code authority} that orders the sources for every attribute not named. */
  public static final String DEFAULT_AUTHORITY = "default";

  public TenureConfiguration {
    sources = List.copyOf(sources);
    targets = List.copyOf(targets);
    roles = List.copyOf(roles);
    rules = List.copyOf(rules);
    Map<String, List<String>> copy = new TreeMap<>();
    authority.forEach((attribute, order) -> copy.put(attribute, List.copyOf(order)));
    authority = Collections.unmodifiableMap(copy);
    sod = List.copyOf(sod);
    java.util.Objects.requireNonNull(notifications, "notifications");
  }

  /** A configuration that tells nobody anything. */
  public TenureConfiguration(
      StoreSettings store,
      LifecycleSettings lifecycle,
      QueueSettings queue,
      List<SourceDefinition> sources,
      List<TargetDefinition> targets,
      List<RoleDefinition> roles,
      List<RuleDefinition> rules,
      ScimSettings scim,
      Map<String, List<String>> authority,
      List<SodRuleDefinition> sod) {
    this(
        store,
        lifecycle,
        queue,
        sources,
        targets,
        roles,
        rules,
        scim,
        authority,
        sod,
        NotificationSettings.NONE);
  }

  /** A configuration without separation-of-duties rules. */
  public TenureConfiguration(
      StoreSettings store,
      LifecycleSettings lifecycle,
      QueueSettings queue,
      List<SourceDefinition> sources,
      List<TargetDefinition> targets,
      List<RoleDefinition> roles,
      List<RuleDefinition> rules,
      ScimSettings scim,
      Map<String, List<String>> authority) {
    this(
        store,
        lifecycle,
        queue,
        sources,
        targets,
        roles,
        rules,
        scim,
        authority,
        List.of(),
        NotificationSettings.NONE);
  }

  /** A configuration with the default authority: the sources as declared, then SCIM. */
  public TenureConfiguration(
      StoreSettings store,
      LifecycleSettings lifecycle,
      QueueSettings queue,
      List<SourceDefinition> sources,
      List<TargetDefinition> targets,
      List<RoleDefinition> roles,
      List<RuleDefinition> rules,
      ScimSettings scim) {
    this(store, lifecycle, queue, sources, targets, roles, rules, scim, Map.of());
  }

  /**
   * Which source each identity attribute is taken from: the configured orders; for every other
   * attribute (and after the configured sources), {@value #DEFAULT_AUTHORITY}'s order if given,
   * else the sources in the order they are declared, then {@value #SCIM_SOURCE}. The employment
   * ({@value AttributeAuthority#LIFECYCLE}) is decided by the sources that report one, in the
   * configured {@code lifecycle} order, then in the default order: a source without lifecycle
   * columns never decides a person's employment while one that reports it knows the person.
   */
  public AttributeAuthority attributeAuthority() {
    List<String> defaults = new ArrayList<>(authority.getOrDefault(DEFAULT_AUTHORITY, List.of()));
    sources.forEach(source -> defaults.add(source.name()));
    defaults.add(SCIM_SOURCE);
    Map<String, List<String>> byAttribute = new TreeMap<>(authority);
    byAttribute.remove(DEFAULT_AUTHORITY);
    Set<String> withoutEmployment = new HashSet<>();
    sources.stream()
        .filter(source -> source.lifecycle() == null)
        .forEach(source -> withoutEmployment.add(source.name()));
    if (!withoutEmployment.isEmpty()) {
      Set<String> lifecycleOrder =
          new LinkedHashSet<>(byAttribute.getOrDefault(AttributeAuthority.LIFECYCLE, List.of()));
      lifecycleOrder.addAll(defaults);
      lifecycleOrder.removeAll(withoutEmployment);
      byAttribute.put(AttributeAuthority.LIFECYCLE, List.copyOf(lifecycleOrder));
    }
    return new AttributeAuthority(byAttribute, defaults);
  }

  /** The same configuration on another store. */
  public TenureConfiguration withStore(StoreSettings newStore) {
    return new TenureConfiguration(
        newStore,
        lifecycle,
        queue,
        sources,
        targets,
        roles,
        rules,
        scim,
        authority,
        sod,
        notifications);
  }

  /** The role with that name. */
  public Optional<RoleDefinition> role(String name) {
    return roles.stream().filter(role -> role.name().equals(name)).findFirst();
  }

  /** The source with that name. */
  public Optional<SourceDefinition> source(String name) {
    return sources.stream().filter(source -> source.name().equals(name)).findFirst();
  }
}
