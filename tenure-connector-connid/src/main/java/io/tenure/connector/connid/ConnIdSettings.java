package io.tenure.connector.connid;

import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.identityconnectors.framework.common.objects.Name;
import org.identityconnectors.framework.common.objects.ObjectClass;
import org.identityconnectors.framework.common.objects.OperationalAttributes;
import org.jspecify.annotations.Nullable;

/**
 * The validated settings of a {@code connid} target (the keys are listed in {@link
 * ConnIdConnectorFactory} and docs/connectors/connid.md). The bundle's own properties stay as text
 * in {@code bundleProperties} until {@link BundleProperties} converts them to the types the bundle
 * declares. Immutable.
 *
 * @param targetName the target's name, for messages
 * @param bundleJars the bundle jars to load
 * @param bundleName the bundle name to pick ({@code ConnectorBundle-Name}), or null for any
 * @param bundleVersion the bundle version to pick, or null for any
 * @param connectorClass the connector class to pick, or null when the bundles hold exactly one
 * @param accountObjectClass the ConnId object class of accounts
 * @param nameAttribute the attribute whose value is the Tenure account name
 * @param accountNameTemplate how an account name becomes the {@code __NAME__} of a new account
 * @param readAttributes the attributes read (empty: the bundle's defaults)
 * @param enabled how the enabled flag is read and written
 * @param entitlements how entitlements map
 * @param values what the bundle can hold, and how it takes several values
 * @param searchBufferSize accounts read ahead of the consumer of a stream, at most
 * @param frameworkFilter whether ConnId filters the bundle's search results again (comparing values
 *     as strings), on top of the bundle's own filtering
 * @param timeoutSeconds the framework's timeout of each call but searches; 0 for none
 * @param bundleProperties the {@code configuration.*} settings, without the prefix
 * @param secretKeys keys of {@code bundleProperties} whose values are secrets
 */
record ConnIdSettings(
    String targetName,
    List<Path> bundleJars,
    @Nullable String bundleName,
    @Nullable String bundleVersion,
    @Nullable String connectorClass,
    String accountObjectClass,
    String nameAttribute,
    NameTemplate accountNameTemplate,
    List<String> readAttributes,
    EnabledMapping enabled,
    EntitlementSettings entitlements,
    ValueRules values,
    int searchBufferSize,
    boolean frameworkFilter,
    int timeoutSeconds,
    Map<String, String> bundleProperties,
    Set<String> secretKeys) {

  /** The prefix of the settings passed to the bundle's configuration. */
  static final String BUNDLE_PREFIX = "configuration.";

  private static final Set<String> KEYS =
      Set.of(
          "bundle.path",
          "bundle.name",
          "bundle.version",
          "bundle.connector",
          "accounts.objectClass",
          "accounts.nameAttribute",
          "accounts.nameTemplate",
          "accounts.nameEscaping",
          "accounts.attributes",
          "enabled.attribute",
          "enabled.disabledValue",
          "enabled.enabledValue",
          "entitlements.style",
          "entitlements.attribute",
          "entitlements.valueTemplate",
          "entitlements.valueEscaping",
          "entitlements.objectClass",
          "entitlements.nameAttribute",
          "entitlements.nameTemplate",
          "entitlements.nameEscaping",
          "entitlements.memberAttribute",
          "entitlements.member",
          "entitlements.create",
          "entitlements.deleteEmpty",
          "names.rejectCharacters",
          "values.rejectCharacters",
          "values.joinWith",
          "values.rejectSurroundingSpaces",
          "search.bufferSize",
          "search.frameworkFilter",
          "timeout.seconds");

  ConnIdSettings {
    bundleJars = List.copyOf(bundleJars);
    readAttributes = List.copyOf(readAttributes);
    bundleProperties = Map.copyOf(bundleProperties);
    secretKeys = Set.copyOf(secretKeys);
  }

  /**
   * Reads and validates the settings.
   *
   * @throws ConnectorException CONFIGURATION naming the key of the first problem
   */
  static ConnIdSettings from(ConnectorConfiguration configuration) {
    String target = configuration.targetName();
    Map<String, String> bundleProperties = new TreeMap<>();
    for (Map.Entry<String, String> setting : configuration.settings().entrySet()) {
      String key = setting.getKey();
      if (key.startsWith(BUNDLE_PREFIX)) {
        bundleProperties.put(key.substring(BUNDLE_PREFIX.length()), setting.getValue());
      } else if (!KEYS.contains(key)) {
        throw invalid(target, key, "is not a setting of the connid connector");
      }
    }
    Set<String> secretKeys = new java.util.HashSet<>();
    for (String key : configuration.secretKeys()) {
      if (key.startsWith(BUNDLE_PREFIX)) {
        secretKeys.add(key.substring(BUNDLE_PREFIX.length()));
      }
    }
    int bufferSize = configuration.integer("search.bufferSize", 100);
    if (bufferSize < 1) {
      throw invalid(target, "search.bufferSize", "must be at least 1");
    }
    int timeout = configuration.integer("timeout.seconds", 0);
    if (timeout < 0) {
      throw invalid(target, "timeout.seconds", "must not be negative");
    }
    return new ConnIdSettings(
        target,
        bundleJars(configuration),
        configuration.optional("bundle.name").map(String::trim).orElse(null),
        configuration.optional("bundle.version").map(String::trim).orElse(null),
        configuration.optional("bundle.connector").map(String::trim).orElse(null),
        configuration.get("accounts.objectClass", ObjectClass.ACCOUNT_NAME).trim(),
        configuration.get("accounts.nameAttribute", Name.NAME).trim(),
        template(configuration, "accounts.nameTemplate", "accounts.nameEscaping"),
        configuration.list("accounts.attributes"),
        enabled(configuration),
        entitlements(configuration),
        values(configuration),
        bufferSize,
        configuration.flag("search.frameworkFilter", true),
        timeout,
        bundleProperties,
        secretKeys);
  }

  private static List<Path> bundleJars(ConnectorConfiguration configuration) {
    String target = configuration.targetName();
    Path path;
    try {
      path = Path.of(configuration.required("bundle.path").trim()).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw invalid(target, "bundle.path", "is not a valid path");
    }
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      throw invalid(target, "bundle.path", "names no file or folder: " + path);
    }
    try (Stream<Path> files = Files.list(path)) {
      List<Path> jars =
          files
              .filter(Files::isRegularFile)
              .filter(file -> file.getFileName().toString().endsWith(".jar"))
              .sorted()
              .toList();
      if (jars.isEmpty()) {
        throw invalid(target, "bundle.path", "is a folder without a .jar file: " + path);
      }
      return jars;
    } catch (IOException e) {
      throw invalid(target, "bundle.path", "cannot be listed: " + e.getMessage());
    }
  }

  private static NameTemplate template(
      ConnectorConfiguration configuration, String templateKey, String escapingKey) {
    String template = configuration.get(templateKey, NameTemplate.PLACEHOLDER);
    NameTemplate.Escaping escaping =
        choice(configuration, escapingKey, NameTemplate.Escaping.class, "none");
    try {
      return new NameTemplate(template, escaping);
    } catch (IllegalArgumentException e) {
      throw invalid(configuration.targetName(), templateKey, e.getMessage());
    }
  }

  private static EnabledMapping enabled(ConnectorConfiguration configuration) {
    String attribute = configuration.get("enabled.attribute", OperationalAttributes.ENABLE_NAME);
    if (attribute.trim().equalsIgnoreCase("none")) {
      return EnabledMapping.NONE;
    }
    if (attribute.trim().equals(OperationalAttributes.ENABLE_NAME)) {
      return EnabledMapping.OPERATIONAL;
    }
    String disabled = configuration.optional("enabled.disabledValue").orElse(null);
    if (disabled == null) {
      throw invalid(
          configuration.targetName(),
          "enabled.disabledValue",
          "is required when enabled.attribute names a plain attribute");
    }
    return EnabledMapping.attribute(
        attribute.trim(), disabled, configuration.optional("enabled.enabledValue").orElse(null));
  }

  private static EntitlementSettings entitlements(ConnectorConfiguration configuration) {
    EntitlementSettings.Style style =
        choice(configuration, "entitlements.style", EntitlementSettings.Style.class, "none");
    if (style == EntitlementSettings.Style.NONE) {
      return EntitlementSettings.NONE;
    }
    String attribute = "";
    String memberAttribute = "";
    if (style == EntitlementSettings.Style.ATTRIBUTE) {
      attribute = configuration.required("entitlements.attribute").trim();
    } else {
      memberAttribute = configuration.required("entitlements.memberAttribute").trim();
    }
    return new EntitlementSettings(
        style,
        attribute,
        template(configuration, "entitlements.valueTemplate", "entitlements.valueEscaping"),
        configuration.get("entitlements.objectClass", ObjectClass.GROUP_NAME).trim(),
        configuration.get("entitlements.nameAttribute", Name.NAME).trim(),
        template(configuration, "entitlements.nameTemplate", "entitlements.nameEscaping"),
        memberAttribute,
        choice(configuration, "entitlements.member", EntitlementSettings.Member.class, "name"),
        configuration.flag("entitlements.create", true),
        configuration.flag("entitlements.deleteEmpty", false));
  }

  private static ValueRules values(ConnectorConfiguration configuration) {
    String join = configuration.settings().get("values.joinWith");
    return new ValueRules(
        configuration.settings().getOrDefault("names.rejectCharacters", ""),
        configuration.settings().getOrDefault("values.rejectCharacters", ""),
        join == null || join.isEmpty() ? null : join,
        configuration.flag("values.rejectSurroundingSpaces", false));
  }

  private static <E extends Enum<E>> E choice(
      ConnectorConfiguration configuration, String key, Class<E> type, String defaultValue) {
    String value = configuration.get(key, defaultValue).trim();
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      StringBuilder allowed = new StringBuilder();
      for (E constant : type.getEnumConstants()) {
        allowed.append(allowed.length() == 0 ? "" : ", ");
        allowed.append(constant.name().toLowerCase(Locale.ROOT));
      }
      throw invalid(
          configuration.targetName(), key, "must be one of " + allowed + ", not '" + value + "'");
    }
  }

  /** A CONFIGURATION error naming the target and the key. */
  static ConnectorException invalid(String target, String key, String problem) {
    return new ConnectorException(
        ErrorKind.CONFIGURATION, "target '" + target + "': setting '" + key + "' " + problem);
  }
}
