package io.tenure.engine.access;

import io.tenure.core.identity.IdentityId;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Who is calling: a person logged in (with a local password or through OIDC) or an API token, with
 * the roles it holds now.
 *
 * @param kind how it authenticated
 * @param name the user name, the OIDC subject's matched user name or e-mail, or the token's name
 * @param displayName a human name to show
 * @param roles the roles it holds (never empty)
 * @param person the person in the identity store it is, if known
 */
public record AccessPrincipal(
    Kind kind,
    String name,
    String displayName,
    Set<AccessRole> roles,
    @Nullable IdentityId person) {

  /** How a principal authenticated. */
  public enum Kind {
    /** A local user with a password. */
    LOCAL,
    /** A person logged in through the configured OIDC provider. */
    OIDC,
    /** An API bearer token. */
    TOKEN
  }

  public AccessPrincipal {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(displayName, "displayName");
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("a principal holds at least one role");
    }
    roles = Collections.unmodifiableSet(EnumSet.copyOf(roles));
  }

  /** Whether one of its roles allows the permission. */
  public boolean may(Permission permission) {
    return AccessRules.allows(roles, permission);
  }

  /** The person it is, if known. */
  public Optional<IdentityId> personId() {
    return Optional.ofNullable(person);
  }

  /**
   * The actor recorded in the audit trail for what it does: {@code user:<name>}, {@code
   * oidc:<name>} or {@code api:<token name>}.
   */
  public String actor() {
    return switch (kind) {
      case LOCAL -> "user:" + name;
      case OIDC -> "oidc:" + name;
      case TOKEN -> "api:" + name;
    };
  }
}
