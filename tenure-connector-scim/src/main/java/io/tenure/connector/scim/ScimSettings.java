package io.tenure.connector.scim;

import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The parsed settings of one SCIM target. Keys are documented in {@code docs/connectors/scim.md}.
 * {@link #toString()} never shows a secret.
 */
record ScimSettings(
    String targetName,
    URI url,
    Authentication authentication,
    int pageSize,
    Optional<String> accountFilter,
    List<String> readAttributes,
    Set<String> multiValuedAttributes,
    EntitlementSource entitlementSource,
    boolean createGroups,
    FeatureMode patchMode,
    FeatureMode filterMode,
    int maxAttempts,
    Duration maxRetryWait,
    Duration defaultRetryWait,
    Duration connectTimeout,
    Duration readTimeout,
    FeatureMode bulkMode,
    int bulkMaxOperations) {

  /** The multi-valued complex attributes of the core User schema that carry a {@code value}. */
  static final Set<String> CORE_MULTI_VALUED =
      Set.of(
          "emails", "phonenumbers", "ims", "photos", "entitlements", "roles", "x509certificates");

  ScimSettings {
    readAttributes = List.copyOf(readAttributes);
    multiValuedAttributes = Set.copyOf(multiValuedAttributes);
  }

  /** Where an account's entitlements (group names) are read from. */
  enum EntitlementSource {
    /** The User's read-only {@code groups} attribute. */
    GROUPS_ATTRIBUTE,
    /** A search of {@code /Groups} for groups having the user as member. */
    GROUP_SEARCH
  }

  /** Whether to use an optional protocol feature. */
  enum FeatureMode {
    /** As the provider's ServiceProviderConfig says. */
    AUTO,
    /** Never, whatever the provider says. */
    NEVER
  }

  /** How the connector authenticates. Secrets are never rendered. */
  sealed interface Authentication {
    /** The value of the {@code Authorization} header, if any. */
    Optional<String> header();
  }

  record NoAuthentication() implements Authentication {
    @Override
    public Optional<String> header() {
      return Optional.empty();
    }
  }

  record BearerToken(String token) implements Authentication {
    @Override
    public Optional<String> header() {
      return Optional.of("Bearer " + token);
    }

    @Override
    public String toString() {
      return "BearerToken[******]";
    }
  }

  record BasicCredentials(String username, String password) implements Authentication {
    @Override
    public Optional<String> header() {
      String pair = username + ":" + password;
      return Optional.of(
          "Basic "
              + java.util.Base64.getEncoder()
                  .encodeToString(pair.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
      return "BasicCredentials[" + username + ", ******]";
    }
  }

  /**
   * Parses and validates the settings.
   *
   * @throws ConnectorException of kind {@link ErrorKind#CONFIGURATION} naming the key at fault
   */
  static ScimSettings from(ConnectorConfiguration configuration) {
    String target = configuration.targetName();
    URI url = url(configuration);
    Set<String> multiValued = new TreeSet<>(CORE_MULTI_VALUED);
    configuration
        .optional("multiValuedAttributes")
        .ifPresent(value -> list(value).forEach(name -> multiValued.add(lower(name))));
    return new ScimSettings(
        target,
        url,
        authentication(configuration),
        positive(configuration, "pageSize", 100),
        configuration.optional("accounts.filter").map(String::strip),
        configuration.optional("attributes").map(ScimSettings::list).orElse(List.of()),
        multiValued,
        choice(
            configuration,
            "entitlements.source",
            "groups-attribute",
            EntitlementSource.class,
            Set.of("groups-attribute", "group-search")),
        bool(configuration, "groups.create", false),
        choice(configuration, "patch", "auto", FeatureMode.class, Set.of("auto", "never")),
        choice(configuration, "filter", "auto", FeatureMode.class, Set.of("auto", "never")),
        positive(configuration, "retry.maxAttempts", 3),
        Duration.ofSeconds(nonNegative(configuration, "retry.maxWaitSeconds", 30)),
        Duration.ofMillis(nonNegative(configuration, "retry.defaultWaitMillis", 1000)),
        Duration.ofMillis(positive(configuration, "timeout.connectMillis", 10_000)),
        Duration.ofMillis(positive(configuration, "timeout.readMillis", 30_000)),
        choice(configuration, "bulk", "auto", FeatureMode.class, Set.of("auto", "never")),
        positive(configuration, "bulk.maxOperations", 100));
  }

  private static URI url(ConnectorConfiguration configuration) {
    String text = configuration.required("url").strip();
    URI uri;
    try {
      uri = URI.create(text);
    } catch (IllegalArgumentException e) {
      throw configurationError(configuration, "url", "is not a URI");
    }
    String scheme = uri.getScheme() == null ? "" : lower(uri.getScheme());
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw configurationError(configuration, "url", "must be an http or https URL");
    }
    return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
  }

  private static Authentication authentication(ConnectorConfiguration configuration) {
    Optional<String> token = configuration.optional("auth.token");
    Optional<String> username = configuration.optional("auth.username");
    String defaultType = token.isPresent() ? "bearer" : username.isPresent() ? "basic" : "none";
    String type = lower(configuration.get("auth.type", defaultType).strip());
    switch (type) {
      case "none":
        return new NoAuthentication();
      case "bearer":
        return new BearerToken(configuration.required("auth.token"));
      case "basic":
        return new BasicCredentials(
            configuration.required("auth.username"), configuration.required("auth.password"));
      default:
        throw configurationError(configuration, "auth.type", "must be one of none, bearer, basic");
    }
  }

  private static <E extends Enum<E>> E choice(
      ConnectorConfiguration configuration,
      String key,
      String defaultValue,
      Class<E> type,
      Set<String> allowed) {
    String value = lower(configuration.get(key, defaultValue).strip());
    if (!allowed.contains(value)) {
      throw configurationError(configuration, key, "must be one of " + new TreeSet<>(allowed));
    }
    return Enum.valueOf(type, value.replace('-', '_').toUpperCase(Locale.ROOT));
  }

  private static boolean bool(ConnectorConfiguration configuration, String key, boolean def) {
    String value = lower(configuration.get(key, Boolean.toString(def)).strip());
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw configurationError(configuration, key, "must be true or false");
    };
  }

  private static int positive(ConnectorConfiguration configuration, String key, int def) {
    int value = configuration.integer(key, def);
    if (value < 1) {
      throw configurationError(configuration, key, "must be positive");
    }
    return value;
  }

  private static int nonNegative(ConnectorConfiguration configuration, String key, int def) {
    int value = configuration.integer(key, def);
    if (value < 0) {
      throw configurationError(configuration, key, "must not be negative");
    }
    return value;
  }

  private static List<String> list(String value) {
    return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static String lower(String value) {
    return value.toLowerCase(Locale.ROOT);
  }

  private static ConnectorException configurationError(
      ConnectorConfiguration configuration, String key, String problem) {
    return new ConnectorException(
        ErrorKind.CONFIGURATION,
        "target '" + configuration.targetName() + "': setting '" + key + "' " + problem);
  }

  /** True if the lower-cased attribute name is a multi-valued complex attribute. */
  boolean isMultiValued(@Nullable String attribute) {
    return attribute != null && multiValuedAttributes.contains(lower(attribute));
  }
}
