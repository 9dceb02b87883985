package io.tenure.configuration;

import io.tenure.configuration.YamlTree.Entry;
import io.tenure.configuration.YamlTree.ListNode;
import io.tenure.configuration.YamlTree.Location;
import io.tenure.configuration.YamlTree.MapNode;
import io.tenure.configuration.YamlTree.Node;
import io.tenure.configuration.YamlTree.ScalarNode;
import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.core.account.TargetId;
import io.tenure.core.identity.EmploymentStatus;
import io.tenure.engine.configuration.GuardSettings;
import io.tenure.engine.configuration.LifecycleColumns;
import io.tenure.engine.configuration.LifecycleSettings;
import io.tenure.engine.configuration.RoleDefinition;
import io.tenure.engine.configuration.RuleDefinition;
import io.tenure.engine.configuration.ScimSettings;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.configuration.StoreSettings;
import io.tenure.engine.configuration.TargetDefinition;
import io.tenure.engine.configuration.TargetThrottle;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.execution.QueueSettings;
import io.tenure.engine.execution.RetryPolicy;
import io.tenure.engine.reconciliation.AccountCorrelationRule;
import io.tenure.engine.reconciliation.OrphanScope;
import io.tenure.engine.reconciliation.ReconciliationPolicy;
import io.tenure.engine.reconciliation.ReconciliationSettings;
import io.tenure.engine.reconciliation.Remedy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.support.CronExpression;

/**
 * Reads {@code tenure.yaml} into a validated {@link TenureConfiguration}.
 *
 * <p>Unknown keys are errors, so that a typo is never silently ignored. Every problem names the
 * file, line, column and key path. Secrets are given by reference: {@code ${env:NAME}} (an
 * environment variable; a missing one is an error) and {@code ${file:path}} (a file's content
 * without the trailing line break). Relative paths resolve against the configuration file's folder.
 *
 * <p>Under a target, every key Tenure itself does not use ({@code type}, {@code username}, {@code
 * usernameMaxLength}, {@code attributes}, {@code retention}, {@code guard}, {@code reconciliation},
 * {@code concurrency}, {@code rateLimit}) is a connector setting, flattened to dotted keys ({@code
 * accounts: {base: x}} becomes {@code accounts.base=x}; a list of values becomes one
 * comma-separated value); keys whose last part names a password, secret, token or credential are
 * secret.
 */
public final class YamlConfigurationLoader {

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
          "authority");
  private static final Set<String> TARGET_KEYS =
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
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]*)}");
  private static final Pattern SECRET_KEY =
      Pattern.compile(".*(password|secret|token|credential).*", Pattern.CASE_INSENSITIVE);
  private static final int DEFAULT_USERNAME_MAX_LENGTH = 64;
  private static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

  private final Function<String, @Nullable String> environment;
  private final Set<String> connectorTypes;
  private final ScimPathCheck scimPaths;

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
    this.environment = environment;
    this.connectorTypes = Set.copyOf(connectorTypes);
    this.scimPaths = scimPaths;
  }

  /** A loader reading the process's environment and accepting any connector type. */
  public static YamlConfigurationLoader withSystemEnvironment() {
    return new YamlConfigurationLoader(System::getenv, Set.of());
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
    Node root;
    try {
      root = YamlTree.parse(yaml);
    } catch (YamlTree.SyntaxException e) {
      throw new ConfigurationException(
          List.of(
              displayName
                  + ":"
                  + e.location().line()
                  + ":"
                  + e.location().column()
                  + ": "
                  + e.getMessage()));
    }
    Binder binder = new Binder(displayName, folder.toAbsolutePath().normalize());
    TenureConfiguration configuration = binder.configuration(root);
    if (!binder.problems.isEmpty()) {
      binder.problems.sort(Comparator.comparing(Problem::location, LOCATION_ORDER));
      throw new ConfigurationException(binder.problems.stream().map(Problem::text).toList());
    }
    return configuration;
  }

  private static final Comparator<Location> LOCATION_ORDER =
      Comparator.comparingInt(Location::line).thenComparingInt(Location::column);

  private record Problem(Location location, String text) {}

  /** Walks the tree, collecting problems instead of stopping at the first one. */
  private final class Binder {

    private final String file;
    private final Path folder;
    private final List<Problem> problems = new ArrayList<>();

    Binder(String file, Path folder) {
      this.file = file;
      this.folder = folder;
    }

    void problem(Location location, String path, String message) {
      problems.add(
          new Problem(
              location,
              file
                  + ":"
                  + location.line()
                  + ":"
                  + location.column()
                  + ": "
                  + (path.isEmpty() ? "" : path + ": ")
                  + message));
    }

    // ---- the sections ---------------------------------------------------------------------

    TenureConfiguration configuration(Node root) {
      MapNode top = mapping(root, "");
      if (top == null) {
        return empty();
      }
      onlyKeys(top, "", TOP_LEVEL);
      StoreSettings store = store(top);
      LifecycleSettings lifecycle = lifecycle(top);
      QueueSettings queue = queue(top);
      List<SourceDefinition> sources = new ArrayList<>();
      MapNode sourceMap = optionalMapping(top, "sources", "");
      if (sourceMap != null) {
        sourceMap
            .entries()
            .forEach(
                (name, entry) -> {
                  SourceDefinition source = source(name, entry.value(), "sources." + name);
                  if (source != null) {
                    sources.add(source);
                  }
                });
      }
      List<TargetDefinition> targets = new ArrayList<>();
      MapNode targetMap = optionalMapping(top, "targets", "");
      if (targetMap != null) {
        targetMap
            .entries()
            .forEach(
                (name, entry) -> {
                  TargetDefinition target = target(name, entry.value(), "targets." + name, sources);
                  if (target != null) {
                    targets.add(target);
                  }
                });
      }
      Set<String> targetNames = targetMap == null ? Set.of() : targetMap.entries().keySet();
      List<RoleDefinition> roles = roles(top, targetNames);
      List<RuleDefinition> rules = rules(top, roles);
      return new TenureConfiguration(
          store,
          lifecycle,
          queue,
          sources,
          targets,
          roles,
          rules,
          scim(top, roles),
          authority(top, sources));
    }

    private TenureConfiguration empty() {
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

    /**
     * {@code scim: {mapping: {identityAttribute: SCIM path}, roles: [role, ...]}}: identity
     * attributes read from pushed Users, and the roles SCIM Groups may assign.
     */
    ScimSettings scim(MapNode top, List<RoleDefinition> roles) {
      MapNode scim = optionalMapping(top, "scim", "");
      if (scim == null) {
        return ScimSettings.defaults();
      }
      onlyKeys(scim, "scim", Set.of("mapping", "roles"));
      Set<String> assignable = new TreeSet<>();
      List<String> named = optionalStrings(scim, "roles", "scim");
      if (named != null) {
        Set<String> configured = new TreeSet<>();
        roles.forEach(role -> configured.add(role.name()));
        for (int index = 0; index < named.size(); index++) {
          if (configured.contains(named.get(index))) {
            assignable.add(named.get(index));
          } else {
            problem(
                valueLocation(scim, "roles"),
                "scim.roles[" + index + "]",
                quote(named.get(index)) + " is not a configured role " + configured);
          }
        }
      }
      MapNode mapping = optionalMapping(scim, "mapping", "scim");
      if (mapping == null) {
        return new ScimSettings(Map.of(), assignable);
      }
      Map<String, String> attributes = new LinkedHashMap<>();
      mapping
          .entries()
          .forEach(
              (attribute, entry) -> {
                String path = "scim.mapping." + attribute;
                String scimPath = scalar(entry.value(), path);
                if (scimPath == null || scimPath.isBlank()) {
                  problem(entry.value().location(), path, "must name a SCIM attribute path");
                  return;
                }
                Optional<String> wrong = scimPaths.problem(attribute, scimPath);
                if (wrong.isPresent()) {
                  problem(entry.value().location(), path, wrong.get());
                } else {
                  attributes.put(attribute, scimPath);
                }
              });
      return new ScimSettings(attributes, assignable);
    }

    /**
     * {@code authority: { default: [hr, scim], email: [mail, hr], lifecycle: hr }}: per identity
     * attribute (or {@code default}, or {@code lifecycle}), a source name or a list of them in the
     * order they are trusted; every name a configured source or {@code scim}.
     */
    Map<String, List<String>> authority(MapNode top, List<SourceDefinition> sources) {
      MapNode authority = optionalMapping(top, "authority", "");
      Map<String, List<String>> orders = new TreeMap<>();
      if (authority == null) {
        return orders;
      }
      Set<String> known = new TreeSet<>();
      sources.forEach(source -> known.add(source.name()));
      known.add(TenureConfiguration.SCIM_SOURCE);
      authority
          .entries()
          .forEach(
              (attribute, entry) -> {
                String path = "authority." + attribute;
                List<String> names = new ArrayList<>();
                if (entry.value() instanceof ListNode list) {
                  for (Node item : list.items()) {
                    String name = scalar(item, path);
                    if (name != null) {
                      names.add(name.trim());
                    }
                  }
                } else {
                  String name = scalar(entry.value(), path);
                  if (name != null) {
                    names.add(name.trim());
                  }
                }
                for (String name : names) {
                  if (!known.contains(name)) {
                    problem(
                        entry.value().location(), path, quote(name) + " is not a source " + known);
                    return;
                  }
                }
                if (new TreeSet<>(names).size() != names.size()) {
                  problem(entry.value().location(), path, "names a source twice");
                  return;
                }
                if (names.isEmpty()) {
                  problem(entry.value().location(), path, "must name at least one source");
                  return;
                }
                orders.put(attribute, names);
              });
      return orders;
    }

    StoreSettings store(MapNode top) {
      MapNode store = optionalMapping(top, "store", "");
      if (store == null) {
        return StoreSettings.embedded();
      }
      onlyKeys(store, "store", Set.of("url", "username", "password"));
      String url = optionalString(store, "url", "store");
      if (url != null && !url.startsWith("jdbc:postgresql:")) {
        problem(
            valueLocation(store, "url"),
            "store.url",
            quote(url)
                + " is not a PostgreSQL JDBC URL such as jdbc:postgresql://host:5432/tenure");
      }
      return new StoreSettings(
          url,
          optionalString(store, "username", "store"),
          optionalString(store, "password", "store"));
    }

    LifecycleSettings lifecycle(MapNode top) {
      MapNode lifecycle = optionalMapping(top, "lifecycle", "");
      LifecycleSettings defaults = LifecycleSettings.defaults();
      if (lifecycle == null) {
        return defaults;
      }
      onlyKeys(lifecycle, "lifecycle", Set.of("prehireDays", "moverAttributes"));
      int prehireDays =
          integer(lifecycle, "prehireDays", "lifecycle", defaults.prehireDays(), 0, 3650);
      List<String> movers = optionalStrings(lifecycle, "moverAttributes", "lifecycle");
      return new LifecycleSettings(
          prehireDays, movers == null ? defaults.moverAttributes() : new LinkedHashSet<>(movers));
    }

    QueueSettings queue(MapNode top) {
      MapNode queue = optionalMapping(top, "queue", "");
      QueueSettings defaults = QueueSettings.defaults();
      if (queue == null) {
        return defaults;
      }
      onlyKeys(queue, "queue", Set.of("workers", "lease", "pollInterval", "retry"));
      int workers = integer(queue, "workers", "queue", defaults.workers(), 1, 1024);
      Duration lease = atLeast(queue, "lease", "queue", defaults.lease(), Duration.ofSeconds(1));
      Duration pollInterval =
          atLeast(queue, "pollInterval", "queue", defaults.pollInterval(), Duration.ofMillis(1));
      RetryPolicy retry = retry(queue);
      return new QueueSettings(retry, lease, workers, pollInterval);
    }

    private RetryPolicy retry(MapNode queue) {
      RetryPolicy defaults = RetryPolicy.defaults();
      MapNode retry = optionalMapping(queue, "retry", "queue");
      if (retry == null) {
        return defaults;
      }
      String path = "queue.retry";
      onlyKeys(retry, path, Set.of("baseDelay", "maxDelay", "maxAttempts"));
      Duration baseDelay = duration(retry, "baseDelay", path, defaults.baseDelay());
      Duration maxDelay = duration(retry, "maxDelay", path, defaults.maxDelay());
      int maxAttempts = integer(retry, "maxAttempts", path, defaults.maxAttempts(), 1, 1000);
      if (baseDelay.isNegative() || maxDelay.isNegative()) {
        return defaults;
      }
      if (maxDelay.compareTo(baseDelay) < 0) {
        problem(
            retry.entries().containsKey("maxDelay")
                ? valueLocation(retry, "maxDelay")
                : valueLocation(retry, "baseDelay"),
            path + (retry.entries().containsKey("maxDelay") ? ".maxDelay" : ".baseDelay"),
            maxDelay + " (the largest retry delay) is below the base delay " + baseDelay);
        return defaults;
      }
      return new RetryPolicy(baseDelay, maxDelay, maxAttempts);
    }

    /** A duration that must be at least {@code minimum}. */
    private Duration atLeast(
        MapNode map, String key, String parentPath, Duration defaultValue, Duration minimum) {
      Duration value = duration(map, key, parentPath, defaultValue);
      if (value.compareTo(minimum) < 0) {
        if (!value.isNegative()) {
          problem(
              valueLocation(map, key),
              join(parentPath, key),
              value + " is shorter than the least allowed, " + minimum);
        }
        return defaultValue;
      }
      return value;
    }

    @Nullable SourceDefinition source(String name, Node node, String path) {
      MapNode source = mapping(node, path);
      if (source == null) {
        return null;
      }
      onlyKeys(
          source,
          path,
          Set.of(
              "type",
              "file",
              "key",
              "fallbackKeys",
              "attributes",
              "requiredAttributes",
              "lifecycle"));
      String type = optionalString(source, "type", path);
      if (type == null) {
        type = "csv";
      } else if (!type.equals("csv")) {
        problem(
            valueLocation(source, "type"),
            path + ".type",
            quote(type) + " is not a source type Tenure knows (csv)");
      }
      String file = requiredString(source, "file", path);
      String key = requiredString(source, "key", path);
      List<String> fallbackKeys = optionalStrings(source, "fallbackKeys", path);
      Map<String, String> attributes = stringMap(source, "attributes", path, true);
      List<String> required = optionalStrings(source, "requiredAttributes", path);
      if (key != null && !attributes.isEmpty() && !attributes.containsKey(key)) {
        problem(
            valueLocation(source, "key"),
            path + ".key",
            quote(key) + " is not one of the source's attributes " + attributes.keySet());
      }
      if (fallbackKeys != null) {
        for (String fallback : fallbackKeys) {
          if (!attributes.isEmpty() && !attributes.containsKey(fallback)) {
            problem(
                valueLocation(source, "fallbackKeys"),
                path + ".fallbackKeys",
                quote(fallback) + " is not one of the source's attributes " + attributes.keySet());
          }
        }
      }
      LifecycleColumns lifecycle = lifecycleColumns(source, path);
      if (file == null || key == null || lifecycle == null) {
        return null;
      }
      return new SourceDefinition(
          name,
          type,
          folder.resolve(file).normalize(),
          key,
          fallbackKeys == null ? List.of() : fallbackKeys,
          attributes,
          required == null ? Set.of() : new LinkedHashSet<>(required),
          lifecycle);
    }

    @Nullable LifecycleColumns lifecycleColumns(MapNode source, String sourcePath) {
      String path = sourcePath + ".lifecycle";
      MapNode lifecycle = requiredMapping(source, "lifecycle", sourcePath);
      if (lifecycle == null) {
        return null;
      }
      onlyKeys(
          lifecycle, path, Set.of("status", "statusValues", "startDate", "endDate", "dateFormat"));
      String status = requiredString(lifecycle, "status", path);
      String startDate = requiredString(lifecycle, "startDate", path);
      String endDate = optionalString(lifecycle, "endDate", path);
      String dateFormat = optionalString(lifecycle, "dateFormat", path);
      if (dateFormat == null) {
        dateFormat = "yyyy-MM-dd";
      } else {
        try {
          DateTimeFormatter.ofPattern(dateFormat);
        } catch (IllegalArgumentException e) {
          problem(
              valueLocation(lifecycle, "dateFormat"),
              path + ".dateFormat",
              quote(dateFormat) + " is not a date pattern such as yyyy-MM-dd: " + e.getMessage());
        }
      }
      Map<String, EmploymentStatus> statusValues = new HashMap<>();
      if (lifecycle.entries().containsKey("statusValues")) {
        Map<String, String> given = stringMap(lifecycle, "statusValues", path, false);
        Entry entry = lifecycle.entries().get("statusValues");
        MapNode values = entry.value() instanceof MapNode map ? map : null;
        given.forEach(
            (value, meaning) -> {
              try {
                statusValues.put(
                    value.toLowerCase(Locale.ROOT),
                    EmploymentStatus.valueOf(meaning.trim().toUpperCase(Locale.ROOT)));
              } catch (IllegalArgumentException e) {
                Location location =
                    values == null ? entry.key().location() : valueLocation(values, value);
                problem(
                    location,
                    path + ".statusValues." + value,
                    quote(meaning) + " is not one of active, leave, terminated");
              }
            });
      } else {
        statusValues.putAll(LifecycleColumns.defaultStatusValues());
      }
      if (status == null || startDate == null) {
        return null;
      }
      return new LifecycleColumns(status, statusValues, startDate, endDate, dateFormat);
    }

    @Nullable TargetDefinition target(
        String name, Node node, String path, List<SourceDefinition> sources) {
      MapNode target = mapping(node, path);
      if (target == null) {
        return null;
      }
      String type = requiredString(target, "type", path);
      if (type != null && !connectorTypes.isEmpty() && !connectorTypes.contains(type)) {
        problem(
            valueLocation(target, "type"),
            path + ".type",
            quote(type) + " is not an installed connector type " + new TreeSet<>(connectorTypes));
      }
      String username = requiredString(target, "username", path);
      int maxLength =
          integer(target, "usernameMaxLength", path, DEFAULT_USERNAME_MAX_LENGTH, 1, 1024);
      Map<String, String> attributes = stringMap(target, "attributes", path, false);
      Duration retention = duration(target, "retention", path, DEFAULT_RETENTION);
      GuardSettings guard = guard(target, path);
      ReconciliationSettings reconciliation =
          reconciliation(target, path, identifyingRules(attributes, sources));
      Map<String, String> settings = new LinkedHashMap<>();
      Set<String> secrets = new HashSet<>();
      target
          .entries()
          .forEach(
              (key, entry) -> {
                if (!TARGET_KEYS.contains(key)) {
                  flatten(key, entry.value(), path + "." + key, settings, secrets);
                }
              });
      if (type == null || username == null) {
        return null;
      }
      TargetThrottle throttle =
          new TargetThrottle(
              integer(target, "concurrency", path, TargetThrottle.defaults().concurrency(), 1, 256),
              integer(target, "rateLimit", path, 0, 0, 1_000_000));
      return new TargetDefinition(
          new TargetId(name),
          type,
          new ConnectorConfiguration(name, settings, secrets),
          username,
          maxLength,
          attributes,
          retention,
          guard,
          throttle,
          reconciliation);
    }

    private void flatten(
        String key, Node node, String path, Map<String, String> settings, Set<String> secrets) {
      if (node instanceof MapNode map) {
        map.entries()
            .forEach(
                (child, entry) ->
                    flatten(
                        key + "." + child, entry.value(), path + "." + child, settings, secrets));
        return;
      }
      String value;
      if (node instanceof ListNode list) {
        List<String> values = new ArrayList<>();
        for (Node item : list.items()) {
          String text = scalar(item, path);
          if (text != null) {
            values.add(text);
          }
        }
        value = String.join(",", values);
      } else {
        value = scalar(node, path);
      }
      if (value == null) {
        return;
      }
      settings.put(key, value);
      String lastPart = key.substring(key.lastIndexOf('.') + 1);
      if (SECRET_KEY.matcher(lastPart).matches()) {
        secrets.add(key);
      }
    }

    GuardSettings guard(MapNode target, String targetPath) {
      GuardSettings defaults = GuardSettings.defaults();
      MapNode guard = optionalMapping(target, "guard", targetPath);
      if (guard == null) {
        return defaults;
      }
      String path = targetPath + ".guard";
      onlyKeys(guard, path, Set.of("maxDisablePercent", "maxDisableCount"));
      return new GuardSettings(
          integer(guard, "maxDisablePercent", path, defaults.maxDisablePercent(), 0, 100),
          integer(
              guard, "maxDisableCount", path, defaults.maxDisableCount(), 0, Integer.MAX_VALUE));
    }

    /**
     * The correlation rules of a target that configures none: an account attribute mapped straight
     * from a source's key (such as {@code employeeNumber: employeeId}) identifies the person. A
     * name match ({@code @name = @username}) is never a default: a generated username is no
     * evidence that an account of that name is the person's.
     */
    private List<AccountCorrelationRule> identifyingRules(
        Map<String, String> attributes, List<SourceDefinition> sources) {
      List<AccountCorrelationRule> rules = new ArrayList<>();
      Set<String> used = new HashSet<>();
      for (SourceDefinition source : sources) {
        attributes.forEach(
            (accountAttribute, expression) -> {
              if (expression.strip().equals(source.key()) && used.add(source.key())) {
                rules.add(new AccountCorrelationRule(accountAttribute, source.key()));
              }
            });
      }
      return rules;
    }

    ReconciliationSettings reconciliation(
        MapNode target, String targetPath, List<AccountCorrelationRule> identifying) {
      ReconciliationSettings defaults = ReconciliationSettings.defaults(identifying);
      MapNode reconciliation = optionalMapping(target, "reconciliation", targetPath);
      if (reconciliation == null) {
        return defaults;
      }
      String path = targetPath + ".reconciliation";
      onlyKeys(
          reconciliation,
          path,
          Set.of("correlation", "policy", "orphanRetention", "orphans", "schedule", "incremental"));
      OrphanScope orphans = orphanScope(reconciliation, path);
      List<AccountCorrelationRule> rules = correlationRules(reconciliation, path);
      ReconciliationPolicy policy = reconciliationPolicy(reconciliation, path);
      String schedule = optionalString(reconciliation, "schedule", path);
      if (schedule != null && !CronExpression.isValidExpression(schedule.trim())) {
        problem(
            valueLocation(reconciliation, "schedule"),
            path + ".schedule",
            quote(schedule)
                + " is not a cron expression with six fields (second minute hour day-of-month"
                + " month day-of-week) such as \"0 0 2 * * *\"");
        schedule = null;
      }
      boolean incremental = bool(reconciliation, "incremental", path, false);
      if (policy.orphan() != Remedy.REPORT && !orphans.isConfigured()) {
        MapNode policyNode = optionalMapping(reconciliation, "policy", path);
        problem(
            policyNode == null ? reconciliation.location() : valueLocation(policyNode, "orphan"),
            path + ".policy.orphan",
            policy.orphan().name().toLowerCase(Locale.ROOT).replace('_', '-')
                + " needs "
                + path
                + ".orphans (include and/or exclude account name patterns, such as exclude:"
                + " [\"svc-*\", \"admin*\"]), so that accounts Tenure never managed, such as"
                + " service accounts, are never touched");
        return defaults;
      }
      try {
        return new ReconciliationSettings(
            rules.isEmpty() ? defaults.correlation() : rules,
            policy,
            schedule == null ? null : schedule.trim(),
            incremental,
            orphans);
      } catch (IllegalArgumentException e) {
        problem(reconciliation.location(), path, e.getMessage());
        return defaults;
      }
    }

    /** {@code orphans: { include: ["u*"], exclude: ["svc-*", "admin"] }}: account name globs. */
    private OrphanScope orphanScope(MapNode reconciliation, String path) {
      MapNode orphans = optionalMapping(reconciliation, "orphans", path);
      if (orphans == null) {
        return OrphanScope.unset();
      }
      String scopePath = path + ".orphans";
      onlyKeys(orphans, scopePath, Set.of("include", "exclude"));
      List<String> include = optionalStrings(orphans, "include", scopePath);
      List<String> exclude = optionalStrings(orphans, "exclude", scopePath);
      try {
        return new OrphanScope(
            include == null ? List.of() : include, exclude == null ? List.of() : exclude);
      } catch (IllegalArgumentException e) {
        problem(orphans.location(), scopePath, e.getMessage());
        return OrphanScope.unset();
      }
    }

    /** {@code correlation: ["uid = @username", "employeeNumber = employeeId"]}. */
    private List<AccountCorrelationRule> correlationRules(MapNode reconciliation, String path) {
      List<String> texts = optionalStrings(reconciliation, "correlation", path);
      List<AccountCorrelationRule> rules = new ArrayList<>();
      if (texts == null) {
        return rules;
      }
      Set<String> identityAttributes = new HashSet<>();
      for (int index = 0; index < texts.size(); index++) {
        String text = texts.get(index);
        String[] sides = text.split("=", -1);
        if (sides.length != 2 || sides[0].isBlank() || sides[1].isBlank()) {
          problem(
              valueLocation(reconciliation, "correlation"),
              path + ".correlation[" + index + "]",
              quote(text)
                  + " is not a rule such as \"employeeNumber = employeeId\" (account attribute or"
                  + " @name = identity attribute or @username)");
          continue;
        }
        AccountCorrelationRule rule = new AccountCorrelationRule(sides[0].trim(), sides[1].trim());
        if (!identityAttributes.add(rule.identityAttribute())) {
          problem(
              valueLocation(reconciliation, "correlation"),
              path + ".correlation[" + index + "]",
              "identity attribute " + quote(rule.identityAttribute()) + " is used by two rules");
          continue;
        }
        rules.add(rule);
      }
      if (texts.isEmpty()) {
        problem(
            valueLocation(reconciliation, "correlation"),
            path + ".correlation",
            "needs at least one rule");
      }
      return rules;
    }

    private ReconciliationPolicy reconciliationPolicy(MapNode reconciliation, String path) {
      ReconciliationPolicy defaults = ReconciliationPolicy.defaults();
      Duration orphanRetention =
          duration(reconciliation, "orphanRetention", path, defaults.orphanRetention());
      MapNode policy = optionalMapping(reconciliation, "policy", path);
      if (policy == null) {
        return new ReconciliationPolicy(
            defaults.drifted(),
            defaults.missing(),
            defaults.unlinked(),
            defaults.orphan(),
            orphanRetention.isNegative() ? defaults.orphanRetention() : orphanRetention);
      }
      String policyPath = path + ".policy";
      onlyKeys(policy, policyPath, Set.of("drifted", "missing", "unlinked", "orphan"));
      return new ReconciliationPolicy(
          remedy(policy, "drifted", policyPath, defaults.drifted(), "report", "fix"),
          remedy(policy, "missing", policyPath, defaults.missing(), "report", "fix"),
          remedy(policy, "unlinked", policyPath, defaults.unlinked(), "report", "link"),
          remedy(
              policy,
              "orphan",
              policyPath,
              defaults.orphan(),
              "report",
              "disable",
              "delete-after-retention"),
          orphanRetention.isNegative() ? defaults.orphanRetention() : orphanRetention);
    }

    private Remedy remedy(
        MapNode policy, String key, String path, Remedy defaultValue, String... allowed) {
      String text = optionalString(policy, key, path);
      if (text == null) {
        return defaultValue;
      }
      String value = text.trim().toLowerCase(Locale.ROOT);
      if (!List.of(allowed).contains(value)) {
        problem(
            valueLocation(policy, key),
            join(path, key),
            quote(text) + " is not one of " + String.join(", ", allowed));
        return defaultValue;
      }
      return Remedy.valueOf(value.replace('-', '_').toUpperCase(Locale.ROOT));
    }

    private boolean bool(MapNode map, String key, String path, boolean defaultValue) {
      String text = optionalString(map, key, path);
      if (text == null) {
        return defaultValue;
      }
      return switch (text.trim().toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> {
          problem(valueLocation(map, key), join(path, key), quote(text) + " is not true or false");
          yield defaultValue;
        }
      };
    }

    List<RoleDefinition> roles(MapNode top, Set<String> targetNames) {
      MapNode roles = optionalMapping(top, "roles", "");
      if (roles == null) {
        return List.of();
      }
      List<RoleDefinition> definitions = new ArrayList<>();
      Map<String, Location> includeLocations = new HashMap<>();
      roles
          .entries()
          .forEach(
              (name, entry) -> {
                String path = "roles." + name;
                MapNode role = mapping(entry.value(), path);
                if (role == null) {
                  return;
                }
                onlyKeys(role, path, Set.of("description", "includes", "entitlements"));
                String description = optionalString(role, "description", path);
                List<String> includes = optionalStrings(role, "includes", path);
                for (String included : includes == null ? List.<String>of() : includes) {
                  if (!roles.entries().containsKey(included)) {
                    problem(
                        valueLocation(role, "includes"),
                        path + ".includes",
                        "no role named " + quote(included));
                  }
                }
                if (includes != null) {
                  includeLocations.put(name, valueLocation(role, "includes"));
                }
                Map<String, List<String>> entitlements = new LinkedHashMap<>();
                MapNode byTarget = optionalMapping(role, "entitlements", path);
                if (byTarget != null) {
                  byTarget
                      .entries()
                      .forEach(
                          (target, targetEntry) -> {
                            String targetPath = path + ".entitlements." + target;
                            if (!targetNames.contains(target)) {
                              problem(
                                  targetEntry.key().location(),
                                  targetPath,
                                  "no target named " + quote(target));
                            }
                            List<String> values = strings(targetEntry.value(), targetPath);
                            if (values != null) {
                              entitlements.put(target, values);
                            }
                          });
                }
                definitions.add(
                    new RoleDefinition(
                        name,
                        description == null ? "" : description,
                        includes == null ? List.of() : includes,
                        entitlements));
              });
      checkIncludeCycles(definitions, includeLocations);
      return definitions;
    }

    private void checkIncludeCycles(
        List<RoleDefinition> roles, Map<String, Location> includeLocations) {
      Map<String, List<String>> includes = new HashMap<>();
      roles.forEach(role -> includes.put(role.name(), role.includes()));
      for (RoleDefinition role : roles) {
        if (reaches(role.name(), role.name(), includes, new HashSet<>())) {
          problem(
              includeLocations.getOrDefault(role.name(), new Location(1, 1)),
              "roles." + role.name() + ".includes",
              "role " + quote(role.name()) + " includes itself through its included roles");
        }
      }
    }

    private boolean reaches(
        String from, String wanted, Map<String, List<String>> includes, Set<String> seen) {
      for (String next : includes.getOrDefault(from, List.of())) {
        if (next.equals(wanted)) {
          return true;
        }
        if (seen.add(next) && reaches(next, wanted, includes, seen)) {
          return true;
        }
      }
      return false;
    }

    List<RuleDefinition> rules(MapNode top, List<RoleDefinition> roles) {
      Entry entry = top.entries().get("rules");
      if (entry == null) {
        return List.of();
      }
      if (!(entry.value() instanceof ListNode list)) {
        problem(entry.value().location(), "rules", "must be a list of rules");
        return List.of();
      }
      Set<String> roleNames = new HashSet<>();
      roles.forEach(role -> roleNames.add(role.name()));
      Set<String> names = new HashSet<>();
      List<RuleDefinition> rules = new ArrayList<>();
      for (int index = 0; index < list.items().size(); index++) {
        String path = "rules[" + index + "]";
        MapNode rule = mapping(list.items().get(index), path);
        if (rule == null) {
          continue;
        }
        onlyKeys(rule, path, Set.of("name", "when", "grant"));
        String name = requiredString(rule, "name", path);
        if (name != null) {
          path = "rules." + name;
          if (!names.add(name)) {
            problem(valueLocation(rule, "name"), path, "another rule has the same name");
          }
        }
        String when = requiredString(rule, "when", path);
        List<String> grant = optionalStrings(rule, "grant", path);
        if (grant == null || grant.isEmpty()) {
          problem(
              rule.entries().containsKey("grant") ? valueLocation(rule, "grant") : rule.location(),
              path + ".grant",
              "a rule must grant at least one role");
        } else {
          for (String role : grant) {
            if (!roleNames.contains(role)) {
              problem(
                  valueLocation(rule, "grant"), path + ".grant", "no role named " + quote(role));
            }
          }
        }
        if (name != null && when != null && grant != null) {
          rules.add(new RuleDefinition(name, when, grant));
        }
      }
      return rules;
    }

    // ---- values ---------------------------------------------------------------------------

    private @Nullable MapNode mapping(Node node, String path) {
      if (node instanceof MapNode map) {
        return map;
      }
      problem(
          node.location(), path, "must be a mapping (key: value lines), not " + node.describe());
      return null;
    }

    private @Nullable MapNode optionalMapping(MapNode parent, String key, String parentPath) {
      Entry entry = parent.entries().get(key);
      if (entry == null) {
        return null;
      }
      if (entry.value() instanceof ScalarNode scalar && scalar.text() == null) {
        return null;
      }
      return mapping(entry.value(), join(parentPath, key));
    }

    private @Nullable MapNode requiredMapping(MapNode parent, String key, String parentPath) {
      if (!parent.entries().containsKey(key)) {
        problem(parent.location(), join(parentPath, key), "is required");
        return null;
      }
      return mapping(parent.entries().get(key).value(), join(parentPath, key));
    }

    private void onlyKeys(MapNode map, String path, Set<String> allowed) {
      map.entries()
          .forEach(
              (key, entry) -> {
                if (!allowed.contains(key)) {
                  problem(
                      entry.key().location(),
                      join(path, key),
                      "unknown key; expected one of " + new TreeSet<>(allowed));
                }
              });
    }

    private Location valueLocation(MapNode map, String key) {
      Entry entry = map.entries().get(key);
      return entry == null ? map.location() : entry.value().location();
    }

    private @Nullable String scalar(Node node, String path) {
      if (node instanceof ScalarNode scalar) {
        String text = scalar.text();
        return text == null ? null : resolveReferences(text, scalar.location(), path);
      }
      problem(node.location(), path, "must be a single value, not " + node.describe());
      return null;
    }

    private @Nullable String optionalString(MapNode map, String key, String parentPath) {
      Entry entry = map.entries().get(key);
      if (entry == null) {
        return null;
      }
      String value = scalar(entry.value(), join(parentPath, key));
      return value == null || value.isBlank() ? null : value;
    }

    private @Nullable String requiredString(MapNode map, String key, String parentPath) {
      if (!map.entries().containsKey(key)) {
        problem(map.location(), join(parentPath, key), "is required");
        return null;
      }
      String value = optionalString(map, key, parentPath);
      if (value == null) {
        problem(valueLocation(map, key), join(parentPath, key), "must not be empty");
      }
      return value;
    }

    private @Nullable List<String> strings(Node node, String path) {
      if (node instanceof ScalarNode scalar && scalar.text() != null) {
        String value = scalar(node, path);
        return value == null ? null : List.of(value);
      }
      if (!(node instanceof ListNode list)) {
        problem(node.location(), path, "must be a list of values, not " + node.describe());
        return null;
      }
      List<String> values = new ArrayList<>();
      for (int index = 0; index < list.items().size(); index++) {
        String value = scalar(list.items().get(index), path + "[" + index + "]");
        if (value != null) {
          values.add(value);
        }
      }
      return values;
    }

    private @Nullable List<String> optionalStrings(MapNode map, String key, String parentPath) {
      Entry entry = map.entries().get(key);
      return entry == null ? null : strings(entry.value(), join(parentPath, key));
    }

    private Map<String, String> stringMap(
        MapNode parent, String key, String parentPath, boolean required) {
      String path = join(parentPath, key);
      MapNode map =
          required
              ? requiredMapping(parent, key, parentPath)
              : optionalMapping(parent, key, parentPath);
      Map<String, String> values = new LinkedHashMap<>();
      if (map == null) {
        return values;
      }
      map.entries()
          .forEach(
              (name, entry) -> {
                String value = scalar(entry.value(), path + "." + name);
                if (value == null || value.isBlank()) {
                  problem(entry.value().location(), path + "." + name, "must not be empty");
                } else {
                  values.put(name, value);
                }
              });
      if (required && map.entries().isEmpty()) {
        problem(map.location(), path, "must name at least one attribute");
      }
      return values;
    }

    private int integer(
        MapNode map, String key, String parentPath, int defaultValue, int minimum, int maximum) {
      String text = optionalString(map, key, parentPath);
      if (text == null) {
        return defaultValue;
      }
      String path = join(parentPath, key);
      try {
        int value = Integer.parseInt(text.trim());
        if (value < minimum || value > maximum) {
          problem(
              valueLocation(map, key),
              path,
              value
                  + " is outside "
                  + minimum
                  + ".."
                  + (maximum == Integer.MAX_VALUE ? "" : maximum));
          return defaultValue;
        }
        return value;
      } catch (NumberFormatException e) {
        problem(valueLocation(map, key), path, quote(text) + " is not a whole number");
        return defaultValue;
      }
    }

    private Duration duration(MapNode map, String key, String parentPath, Duration defaultValue) {
      String text = optionalString(map, key, parentPath);
      if (text == null) {
        return defaultValue;
      }
      try {
        Duration value = Duration.parse(text.trim());
        if (value.isNegative()) {
          problem(valueLocation(map, key), join(parentPath, key), quote(text) + " is negative");
        }
        return value;
      } catch (DateTimeParseException e) {
        problem(
            valueLocation(map, key),
            join(parentPath, key),
            quote(text) + " is not an ISO-8601 duration such as P30D");
        return defaultValue;
      }
    }

    private String resolveReferences(String text, Location location, String path) {
      Matcher matcher = REFERENCE.matcher(text);
      if (!matcher.find()) {
        return text;
      }
      StringBuilder resolved = new StringBuilder();
      matcher.reset();
      while (matcher.find()) {
        String kind = matcher.group(1);
        String name = matcher.group(2).trim();
        String value =
            kind.equals("env")
                ? environmentValue(name, location, path)
                : fileValue(name, location, path);
        matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
      }
      matcher.appendTail(resolved);
      return resolved.toString();
    }

    private String environmentValue(String name, Location location, String path) {
      String value = name.isEmpty() ? null : environment.apply(name);
      if (value == null) {
        problem(
            location,
            path,
            "environment variable " + (name.isEmpty() ? "(no name)" : name) + " is not set");
        return "";
      }
      return value;
    }

    private String fileValue(String name, Location location, String path) {
      Path file = folder.resolve(name).normalize();
      try {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        return content.endsWith("\r\n")
            ? content.substring(0, content.length() - 2)
            : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
      } catch (IOException e) {
        problem(location, path, "cannot read the secret file " + file);
        return "";
      }
    }

    private String join(String parent, String key) {
      return parent.isEmpty() ? key : parent + "." + key;
    }
  }

  private static String quote(String value) {
    return "\"" + value + "\"";
  }
}
