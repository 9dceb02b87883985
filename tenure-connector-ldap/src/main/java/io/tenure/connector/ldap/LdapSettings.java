package io.tenure.connector.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The validated settings of one LDAP target. See {@link LdapConnectorFactory} for the keys. */
record LdapSettings(
    String targetName,
    LDAPURL url,
    @Nullable DN bindDn,
    @Nullable String password,
    DN accountsBase,
    String accountsRdn,
    List<String> accountsObjectClasses,
    List<String> accountsAttributes,
    DN groupsBase,
    String groupsRdn,
    String groupsObjectClass,
    String groupsMemberAttribute,
    boolean groupsCreate,
    LastMemberPolicy lastMember,
    DN placeholderMember,
    String groupsMarkerAttribute,
    String groupsMarkerValue,
    DisableStyle disableStyle,
    String disableAttribute,
    String disableValue,
    int poolSize,
    int batchSize,
    int batchMaxValues,
    int batchMaxBytes,
    int batchMaxGrants,
    int pageSize,
    int timeoutSeconds,
    @Nullable Path tlsCaFile) {

  /** The value Tenure writes into the marker attribute of every group it creates. */
  static final String DEFAULT_GROUP_MARKER = "managed by tenure";

  /** The most calls of one batch, by default. */
  static final int DEFAULT_BATCH_SIZE = 1000;

  /**
   * The most member values one add or modify of a batch carries, by default: a group of 100,000 new
   * members is one add. Fewer, larger requests cost a directory less: OpenLDAP compares each value
   * a modify adds with every value the group holds (unless {@code olcSortVals} lists the
   * attribute), so filling a group of n members k at a time costs n*n/2 comparisons whatever k is,
   * one modify adding m values to a group of n costs m*n, and an add of a new group with all of
   * them only sorts them.
   */
  static final int DEFAULT_BATCH_MAX_VALUES = 100_000;

  /**
   * The most bytes of member values one add or modify of a batch carries, by default: a request of
   * them stays below the smallest common limit on an incoming request, OpenLDAP's documented
   * default {@code olcSockbufMaxIncomingAuth} (4,194,303 bytes for a bound client; slapd 2.5 is
   * compiled with 16,777,215, but its manual and configuration tools set 4,194,303), with about 190
   * KB left for the request's other parts (its DN, the group's other attributes, the framing);
   * Active Directory's {@code MaxReceiveBuffer} is 10,485,760 bytes. A server that gets a larger
   * request closes the connection, and the batch fails as unreachable each time it is retried.
   */
  static final int DEFAULT_BATCH_MAX_BYTES = 4_000_000;

  /** The most grants of one group one batch takes (the engine gathers them), by default. */
  static final int DEFAULT_BATCH_MAX_GRANTS = 100_000;

  /**
   * The most values of one search filter a batch sends (which accounts exist, which groups hold the
   * new accounts): a few tens of kilobytes.
   */
  static final int FILTER_VALUES = 1000;

  /** What revoking the last member of a group does (groupOfNames needs one member). */
  enum LastMemberPolicy {
    /** The now-empty group is deleted; the next grant creates it again. */
    DELETE,
    /** A placeholder member is put in its place, so the group stays. */
    PLACEHOLDER
  }

  @Override
  public String toString() {
    return "LdapSettings[" + targetName + ", " + url + ", bindDn=" + bindDn + ", password=******]";
  }

  static LdapSettings from(ConnectorConfiguration configuration) {
    Reader reader = new Reader(configuration);
    LDAPURL url = reader.url("url");
    DN bindDn = reader.optionalDn("bindDn");
    String password = configuration.optional("password").orElse(null);
    if (bindDn != null && password == null) {
      throw reader.invalid("password", "is required when bindDn is set");
    }
    if (bindDn == null && password != null) {
      throw reader.invalid("bindDn", "is required when password is set");
    }
    DN groupsBase = reader.dn("groups.base");
    String groupsRdn = reader.attributeName("groups.rdn", "cn");
    boolean groupsCreate = reader.bool("groups.create", true);
    LastMemberPolicy lastMember =
        reader.choice(
            "groups.lastMember",
            LastMemberPolicy.class,
            groupsCreate ? LastMemberPolicy.DELETE : LastMemberPolicy.PLACEHOLDER);
    if (lastMember == LastMemberPolicy.DELETE && !groupsCreate) {
      throw reader.invalid("groups.lastMember", "may be 'delete' only when groups.create is true");
    }
    DN placeholder =
        reader.optionalDn("groups.placeholderMember") != null
            ? reader.optionalDn("groups.placeholderMember")
            : reader.parseDn("groups.placeholderMember", "cn=tenure-placeholder," + groupsBase);
    DisableStyle style = reader.choice("disable.style", DisableStyle.class, DisableStyle.ATTRIBUTE);
    String disableAttribute =
        reader.attributeName(
            "disable.attribute",
            style == DisableStyle.ATTRIBUTE ? "pwdAccountLockedTime" : "userAccountControl");
    return new LdapSettings(
        configuration.targetName(),
        url,
        bindDn,
        password,
        reader.dn("accounts.base"),
        reader.attributeName("accounts.rdn", "uid"),
        reader.list("accounts.objectClasses", "top,person,organizationalPerson,inetOrgPerson"),
        reader.attributeList("accounts.attributes", "*"),
        groupsBase,
        groupsRdn,
        reader.attributeName("groups.objectClass", "groupOfNames"),
        reader.attributeName("groups.memberAttribute", "member"),
        groupsCreate,
        lastMember,
        placeholder,
        reader.attributeName("groups.marker.attribute", "description"),
        reader.nonBlank("groups.marker.value", DEFAULT_GROUP_MARKER),
        style,
        disableAttribute,
        configuration.get("disable.value", "000001010000Z").trim(),
        reader.positive("pool.size", 4),
        reader.positive("batch.size", DEFAULT_BATCH_SIZE),
        reader.positive("batch.maxValues", DEFAULT_BATCH_MAX_VALUES),
        reader.positive("batch.maxBytes", DEFAULT_BATCH_MAX_BYTES),
        reader.positive("batch.maxGrants", DEFAULT_BATCH_MAX_GRANTS),
        reader.positive("page.size", 500),
        reader.positive("timeout.seconds", 30),
        reader.caFile("tls.caFile", url));
  }

  /** Parses settings, turning every problem into a CONFIGURATION error that names the key. */
  private static final class Reader {
    private final ConnectorConfiguration configuration;

    Reader(ConnectorConfiguration configuration) {
      this.configuration = configuration;
    }

    ConnectorException invalid(String key, String problem) {
      return new ConnectorException(
          ErrorKind.CONFIGURATION,
          "target '" + configuration.targetName() + "': setting '" + key + "' " + problem);
    }

    LDAPURL url(String key) {
      String value = configuration.required(key).trim();
      LDAPURL url;
      try {
        url = new LDAPURL(value);
      } catch (LDAPException e) {
        throw invalid(key, "is not an LDAP URL (ldap://host:port or ldaps://host:port)");
      }
      String scheme = url.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("ldap") && !scheme.equals("ldaps")) {
        throw invalid(key, "must use the ldap or ldaps scheme");
      }
      if (!url.hostProvided()) {
        throw invalid(key, "must name a host");
      }
      return url;
    }

    /**
     * A readable PEM file of trusted CA certificates, allowed only with the ldaps scheme; null when
     * the key is absent.
     */
    @Nullable Path caFile(String key, LDAPURL url) {
      String value = configuration.optional(key).map(String::trim).orElse(null);
      if (value == null) {
        return null;
      }
      if (!url.getScheme().equalsIgnoreCase("ldaps")) {
        throw invalid(key, "applies only to an ldaps:// url");
      }
      Path file;
      try {
        file = Path.of(value);
      } catch (InvalidPathException e) {
        throw invalid(key, "is not a file path");
      }
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        throw invalid(key, "names no readable file: " + value);
      }
      return file;
    }

    DN dn(String key) {
      return parseDn(key, configuration.required(key));
    }

    @Nullable DN optionalDn(String key) {
      return configuration.optional(key).map(value -> parseDn(key, value)).orElse(null);
    }

    DN parseDn(String key, String value) {
      try {
        return new DN(value.trim());
      } catch (LDAPException e) {
        throw invalid(key, "is not a valid DN");
      }
    }

    String attributeName(String key, String defaultValue) {
      String value = configuration.get(key, defaultValue).trim();
      if (!value.matches("[A-Za-z][A-Za-z0-9-]*|[0-9]+(\\.[0-9]+)+")) {
        throw invalid(key, "is not an attribute or object class name");
      }
      return value;
    }

    String nonBlank(String key, String defaultValue) {
      String value = configuration.get(key, defaultValue).trim();
      if (value.isEmpty()) {
        throw invalid(key, "must not be blank");
      }
      return value;
    }

    List<String> list(String key, String defaultValue) {
      List<String> values =
          Arrays.stream(configuration.get(key, defaultValue).split(","))
              .map(String::trim)
              .filter(value -> !value.isEmpty())
              .toList();
      if (values.isEmpty()) {
        throw invalid(key, "must list at least one value");
      }
      for (String value : values) {
        if (!value.matches("[A-Za-z][A-Za-z0-9-]*")) {
          throw invalid(key, "contains an invalid name");
        }
      }
      return values;
    }

    /** A comma-separated list of attribute names, where {@code *} stands for every one. */
    List<String> attributeList(String key, String defaultValue) {
      List<String> values =
          Arrays.stream(configuration.get(key, defaultValue).split(","))
              .map(String::trim)
              .filter(value -> !value.isEmpty())
              .toList();
      if (values.isEmpty()) {
        throw invalid(key, "must list at least one attribute (or *)");
      }
      for (String value : values) {
        if (!value.equals("*") && !value.matches("[A-Za-z][A-Za-z0-9-]*")) {
          throw invalid(key, "contains an invalid attribute name");
        }
      }
      return values;
    }

    boolean bool(String key, boolean defaultValue) {
      String value = configuration.get(key, Boolean.toString(defaultValue)).trim();
      if (value.equalsIgnoreCase("true")) {
        return true;
      }
      if (value.equalsIgnoreCase("false")) {
        return false;
      }
      throw invalid(key, "must be true or false");
    }

    int positive(String key, int defaultValue) {
      int value = configuration.integer(key, defaultValue);
      if (value < 1) {
        throw invalid(key, "must be a positive integer");
      }
      return value;
    }

    <E extends Enum<E>> E choice(String key, Class<E> type, E defaultValue) {
      String value = configuration.optional(key).map(String::trim).orElse(null);
      if (value == null) {
        return defaultValue;
      }
      for (E constant : type.getEnumConstants()) {
        if (camel(constant.name()).equalsIgnoreCase(value)
            || constant.name().equalsIgnoreCase(value)) {
          return constant;
        }
      }
      List<String> allowed =
          Arrays.stream(type.getEnumConstants()).map(c -> camel(c.name())).toList();
      throw invalid(key, "must be one of " + allowed);
    }

    /** USER_ACCOUNT_CONTROL becomes userAccountControl. */
    private static String camel(String constant) {
      StringBuilder result = new StringBuilder();
      boolean upper = false;
      for (char character : constant.toLowerCase(Locale.ROOT).toCharArray()) {
        if (character == '_') {
          upper = true;
        } else {
          result.append(upper ? Character.toUpperCase(character) : character);
          upper = false;
        }
      }
      return result.toString();
    }
  }
}
