package io.tenure.engine.configuration;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An existing LDAP directory as a source ({@code type: ldap}): the entries below {@code base} that
 * match {@code filter}, each one record located by its DN. An attribute mapping that names an LDAP
 * attribute takes its first value.
 *
 * @param url {@code ldap://host:port} or {@code ldaps://host:port}
 * @param bindDn the DN to bind as, or null for an anonymous search
 * @param password the bind password, or null; never printed
 * @param base the DN the search starts from (whole subtree)
 * @param filter the LDAP filter entries must match, {@code (objectClass=*)} by default
 * @param unresolvedSecrets secret references that could not be resolved, see {@link
 *     SourceConnection#unresolvedSecrets()}
 */
public record LdapSourceSettings(
    String url,
    @Nullable String bindDn,
    @Nullable String password,
    String base,
    String filter,
    List<String> unresolvedSecrets)
    implements SourceConnection {

  /** Settings whose secrets are all resolved. */
  public LdapSourceSettings(
      String url, @Nullable String bindDn, @Nullable String password, String base, String filter) {
    this(url, bindDn, password, base, filter, List.of());
  }

  public LdapSourceSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(filter, "filter");
    unresolvedSecrets = List.copyOf(unresolvedSecrets);
  }

  @Override
  public String origin() {
    return base;
  }

  @Override
  public String describe() {
    return "directory " + base;
  }

  @Override
  public String toString() {
    return "LdapSourceSettings[url="
        + url
        + ", bindDn="
        + bindDn
        + ", password="
        + (password == null ? "none" : "******")
        + ", base="
        + base
        + ", filter="
        + filter
        + "]";
  }
}
