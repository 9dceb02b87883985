package io.tenure.web.security;

import io.tenure.engine.access.AccessPrincipal;
import io.tenure.engine.access.AccessRole;
import io.tenure.engine.access.AccessRules;
import io.tenure.engine.access.Permission;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated {@link AccessPrincipal} (a local user or an API token): its authorities are
 * {@value #PRINCIPAL}, {@code ROLE_<role>} and {@code PERMISSION_<permission>} for each role and
 * permission it holds, plus any extra ones (a token's {@code SCOPE_<scope>}).
 */
public final class PrincipalAuthentication extends AbstractAuthenticationToken
    implements HoldsAccessPrincipal {

  /** The authority every authenticated principal holds (what a SCIM-only token lacks). */
  public static final String PRINCIPAL = "PRINCIPAL";

  private final AccessPrincipal principal;

  public PrincipalAuthentication(AccessPrincipal principal, List<String> extraAuthorities) {
    super(authorities(principal, extraAuthorities));
    this.principal = principal;
    setAuthenticated(true);
  }

  /** The authorities of a principal, as every kind of login grants them. */
  static List<GrantedAuthority> authorities(
      AccessPrincipal principal, Collection<String> extraAuthorities) {
    List<GrantedAuthority> authorities = new ArrayList<>();
    authorities.add(new SimpleGrantedAuthority(PRINCIPAL));
    for (AccessRole role : principal.roles()) {
      authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name()));
    }
    for (Permission permission : AccessRules.union(principal.roles())) {
      authorities.add(new SimpleGrantedAuthority("PERMISSION_" + permission.name()));
    }
    extraAuthorities.forEach(extra -> authorities.add(new SimpleGrantedAuthority(extra)));
    return authorities;
  }

  @Override
  public AccessPrincipal accessPrincipal() {
    return principal;
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public Object getPrincipal() {
    return principal;
  }

  @Override
  public String getName() {
    return principal.name();
  }
}
