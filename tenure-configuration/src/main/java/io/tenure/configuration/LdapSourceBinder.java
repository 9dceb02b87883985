package io.tenure.configuration;

import static io.tenure.configuration.NodeReader.quote;

import io.tenure.engine.configuration.LdapSourceSettings;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code sources.NAME} of {@code type: ldap}: the entries of an existing directory ({@code url},
 * {@code bindDn}, {@code password} by reference, the search {@code base} and {@code filter}).
 */
final class LdapSourceBinder {

  /** The keys of an LDAP source beyond those every source has. */
  static final Set<String> KEYS = Set.of("url", "bindDn", "password", "base", "filter");

  private static final String EVERY_ENTRY = "(objectClass=*)";

  private LdapSourceBinder() {}

  /** The connection settings; {@code null} after reporting what makes them unusable. */
  static @Nullable LdapSourceSettings bind(MappingReader source) {
    String url = source.requiredString("url");
    if (url != null && !url.startsWith("ldap://") && !url.startsWith("ldaps://")) {
      source.problemAt("url", quote(url) + " is not an ldap:// or ldaps:// URL");
      url = null;
    }
    String base = source.requiredString("base");
    String filter = source.optionalString("filter");
    if (filter != null && !(filter.strip().startsWith("(") && filter.strip().endsWith(")"))) {
      source.problemAt(
          "filter", quote(filter) + " is not an LDAP filter such as (objectClass=inetOrgPerson)");
      return null;
    }
    String bindDn = source.optionalString("bindDn");
    String password = source.optionalString("password");
    if (url == null || base == null) {
      return null;
    }
    return new LdapSourceSettings(
        url,
        bindDn,
        password,
        base,
        filter == null ? EVERY_ENTRY : filter.strip(),
        source.reader().unresolvedSecrets(source.path()));
  }
}
