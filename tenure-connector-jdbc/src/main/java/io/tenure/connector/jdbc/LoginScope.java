package io.tenure.connector.jdbc;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which logins and roles a {@code jdbc-login} connector may touch: logins with the prefix, roles
 * with the role prefix when one is set, and never a system account or the connector's own user.
 *
 * @param loginPrefix every managed login name starts with it
 * @param rolePrefix every granted role starts with it, when present
 * @param ownUser the user the connector logs in as
 * @param createRoles whether a grant creates a missing role
 */
record LoginScope(
    String loginPrefix,
    Optional<String> rolePrefix,
    Optional<String> ownUser,
    boolean createRoles) {

  private static final Set<String> SYSTEM_NAMES =
      Set.of("postgres", "root", "mysql", "mariadb.sys", "public", "none");

  boolean isLogin(String name) {
    return name.startsWith(loginPrefix) && !isSystem(name);
  }

  boolean isRole(String role) {
    return rolePrefix.map(role::startsWith).orElse(true) && !isSystem(role);
  }

  boolean isSystem(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return SYSTEM_NAMES.contains(lower)
        || lower.startsWith("mysql.")
        || lower.startsWith("pg_")
        || ownUser.map(name::equals).orElse(false);
  }
}
